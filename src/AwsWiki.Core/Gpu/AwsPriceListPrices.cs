using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AwsWiki.Gpu;

/// <summary>
/// Reads the hourly USD prices out of one EC2 price list document: terms.OnDemand, and
/// terms.Reserved for standard 1yr/3yr leases. Of the reserved purchase options, No Upfront is
/// the natural hourly figure; when a term has no No Upfront offer, Partial then All Upfront are
/// used with the upfront fee spread over the term's hours.
/// </summary>
internal static class AwsPriceListPrices
{
    private static readonly string[] PurchaseOptions = { "No Upfront", "Partial Upfront", "All Upfront" };

    /// <summary>The GetProducts filters for one type's Linux, shared-tenancy, no-software prices in one region.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Filters(string instanceType, string region) => new List<KeyValuePair<string, string>>
    {
        new("instanceType", instanceType),
        new("regionCode", region),
        new("operatingSystem", "Linux"),
        new("tenancy", "Shared"),
        new("preInstalledSw", "NA"),
        new("capacitystatus", "Used"),
    };

    /// <summary>
    /// Whether a document is what <see cref="Filters"/> asks for: Linux, shared tenancy, no
    /// pre-installed software, "Used" capacity. A Windows, RHEL, dedicated or host row that comes
    /// back anyway (a looser filter, a stand-in) must not price a Linux shared instance.
    /// </summary>
    public static bool IsLinuxSharedTenancy(string document)
    {
        using var json = JsonDocument.Parse(document);
        if (!json.RootElement.TryGetProperty("product", out var product) || !product.TryGetProperty("attributes", out var attributes))
        {
            return false;
        }

        foreach (var filter in Filters(string.Empty, string.Empty))
        {
            if (filter.Value.Length > 0 && !Attribute(attributes, filter.Key).Equals(filter.Value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One product attribute (physicalProcessor, clockSpeed …); empty when the document has none.</summary>
    public static string ProductAttribute(string document, string name)
    {
        using var json = JsonDocument.Parse(document);
        return json.RootElement.TryGetProperty("product", out var product) && product.TryGetProperty("attributes", out var attributes)
            ? Attribute(attributes, name)
            : string.Empty;
    }

    public static (string InstanceType, string RegionCode, Dictionary<GpuPricingModel, double> Prices, string AsOf) Parse(string document)
    {
        using var json = JsonDocument.Parse(document);
        var root = json.RootElement;
        var attributes = root.GetProperty("product").GetProperty("attributes");
        var prices = new Dictionary<GpuPricingModel, double>();
        var asOf = root.TryGetProperty("publicationDate", out var published) ? DatePart(published.GetString()) : string.Empty;
        if (root.TryGetProperty("terms", out var terms))
        {
            if (terms.TryGetProperty("OnDemand", out var onDemand))
            {
                foreach (var term in onDemand.EnumerateObject())
                {
                    if (Rates(term.Value).Hourly is { } hourly && hourly > 0)
                    {
                        prices[GpuPricingModel.OnDemand] = hourly;
                    }
                }
            }

            if (terms.TryGetProperty("Reserved", out var reserved))
            {
                AddReserved(reserved, "1yr", 8760, GpuPricingModel.Reserved1Yr, prices);
                AddReserved(reserved, "3yr", 26280, GpuPricingModel.Reserved3Yr, prices);
            }
        }

        return (Attribute(attributes, "instanceType"), Attribute(attributes, "regionCode"), prices, asOf);
    }

    private static void AddReserved(JsonElement reserved, string lease, double hours, GpuPricingModel model, Dictionary<GpuPricingModel, double> prices)
    {
        foreach (var option in PurchaseOptions)
        {
            foreach (var term in reserved.EnumerateObject())
            {
                if (!term.Value.TryGetProperty("termAttributes", out var attributes)
                    || Attribute(attributes, "LeaseContractLength") != lease
                    || Attribute(attributes, "PurchaseOption") != option
                    || !string.Equals(Attribute(attributes, "OfferingClass"), "standard", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var (hourly, upfront) = Rates(term.Value);
                prices[model] = (hourly ?? 0) + (upfront ?? 0) / hours;
                return;
            }
        }
    }

    /// <summary>The Hrs dimension's rate and the Quantity (upfront fee) dimension's amount.</summary>
    private static (double? Hourly, double? Upfront) Rates(JsonElement term)
    {
        double? hourly = null, upfront = null;
        if (!term.TryGetProperty("priceDimensions", out var dimensions))
        {
            return (null, null);
        }

        foreach (var dimension in dimensions.EnumerateObject())
        {
            if (!dimension.Value.TryGetProperty("pricePerUnit", out var perUnit) || !perUnit.TryGetProperty("USD", out var usd)
                || !double.TryParse(usd.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }

            var unit = Attribute(dimension.Value, "unit");
            if (unit.Equals("Hrs", StringComparison.OrdinalIgnoreCase))
            {
                hourly = amount;
            }
            else if (unit.Equals("Quantity", StringComparison.OrdinalIgnoreCase))
            {
                upfront = amount;
            }
        }

        return (hourly, upfront);
    }

    private static string Attribute(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    internal static string DatePart(string? timestamp) =>
        timestamp is { Length: >= 10 } ? timestamp.Substring(0, 10) : timestamp ?? string.Empty;
}
