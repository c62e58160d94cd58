using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu;

/// <summary>
/// Azure offerings for a live query: prices from the Retail Prices API laid over the catalog's
/// Azure specs (Azure publishes no spec API without an account). Queries ask for a few SKUs at a
/// time to keep the filter short; reservation prices, which are for the whole term, become hourly.
/// </summary>
internal sealed class AzureLiveOfferings
{
    private const int SkusPerQuery = 10;
    private readonly IAzureRetailPriceClient _client;
    private readonly IReadOnlyList<GpuCatalogEntry> _specs;

    public AzureLiveOfferings(IAzureRetailPriceClient client, IEnumerable<GpuCatalogEntry> specs)
    {
        _client = client;
        _specs = specs.Where(e => e.Provider == GpuOfferingRequest.Azure).ToList();
    }

    /// <param name="region">null: every region.</param>
    public async Task<IReadOnlyList<GpuCatalogEntry>> QueryAsync(string? region, GpuOfferingRequest request, CancellationToken cancellationToken)
    {
        var templates = _specs
            .Where(e => GlobPattern.AnyMatch(request.InstanceTypes, e.InstanceType)
                && GlobPattern.AnyMatch(request.GpuModels, e.GpuModel) && e.GpuCount >= request.MinGpuCount && e.GpuMemoryGiB >= request.MinGpuMemoryGiB)
            .GroupBy(e => e.InstanceType, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        if (templates.Count == 0)
        {
            return Array.Empty<GpuCatalogEntry>();
        }

        var reserved = request.PricingModel is GpuPricingModel.Reserved1Yr or GpuPricingModel.Reserved3Yr;
        var currency = request.ExchangeRate is null ? request.Currency : "USD";
        var items = new List<AzureRetailPrice>();
        foreach (var chunk in templates.Keys.OrderBy(k => k, StringComparer.Ordinal).Select((k, i) => (k, i)).GroupBy(x => x.i / SkusPerQuery))
        {
            var filter = "serviceName eq 'Virtual Machines' and priceType eq '" + (reserved ? "Reservation" : "Consumption") + "'"
                + (region is null ? string.Empty : $" and armRegionName eq '{region}'")
                + " and (" + string.Join(" or ", chunk.Select(x => $"armSkuName eq '{x.k}'")) + ")";
            items.AddRange(await _client.GetPricesAsync(filter, currency, cancellationToken).ConfigureAwait(false));
        }

        var entries = new Dictionary<(string Sku, string Region), GpuCatalogEntry>();
        foreach (var item in items)
        {
            if (!templates.TryGetValue(item.ArmSkuName, out var template) || !Selects(item, request.PricingModel) || double.IsNaN(item.UnitPrice))
            {
                continue;
            }

            var hourly = request.PricingModel switch
            {
                GpuPricingModel.Reserved1Yr => item.UnitPrice / 8760,
                GpuPricingModel.Reserved3Yr => item.UnitPrice / 26280,
                _ => item.UnitPrice,
            };
            var key = (template.InstanceType, item.ArmRegionName);
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = template.CloneSpec();
                entry.Region = item.ArmRegionName;
                entry.Currency = item.CurrencyCode.Length > 0 ? item.CurrencyCode : currency;
                entry.PriceAsOf = item.EffectiveStartDate;
                entry.Source = "Azure Retail Prices API (live); catalog specs";
                entries[key] = entry;
            }

            if (!entry.HourlyPrices.TryGetValue(request.PricingModel, out var seen) || hourly < seen)
            {
                entry.HourlyPrices[request.PricingModel] = hourly;
            }
        }

        return entries.Values.Where(request.MatchesSpec).ToList();
    }

    /// <summary>Linux meters of the asked model only: no Windows; Spot and Low Priority only when Spot is asked.</summary>
    private static bool Selects(AzureRetailPrice item, GpuPricingModel model)
    {
        if (item.ProductName.IndexOf("Windows", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return false;
        }

        var spot = item.MeterName.IndexOf("Spot", StringComparison.OrdinalIgnoreCase) >= 0 || item.SkuName.IndexOf("Spot", StringComparison.OrdinalIgnoreCase) >= 0;
        var lowPriority = item.MeterName.IndexOf("Low Priority", StringComparison.OrdinalIgnoreCase) >= 0 || item.SkuName.IndexOf("Low Priority", StringComparison.OrdinalIgnoreCase) >= 0;
        return model switch
        {
            GpuPricingModel.Spot => spot && item.Type == "Consumption",
            GpuPricingModel.OnDemand => !spot && !lowPriority && item.Type == "Consumption",
            GpuPricingModel.Reserved1Yr => item.Type == "Reservation" && item.ReservationTerm == "1 Year",
            _ => item.Type == "Reservation" && item.ReservationTerm == "3 Years",
        };
    }
}
