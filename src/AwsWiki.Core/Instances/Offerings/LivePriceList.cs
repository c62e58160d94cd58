using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>One type's Linux, shared-tenancy prices in one region, as the Price List publishes them.</summary>
internal sealed class PriceListPrice
{
    public PriceListPrice(IReadOnlyDictionary<GpuPricingModel, double> prices, string asOf, string physicalProcessor = "")
    {
        Prices = prices;
        AsOf = asOf;
        PhysicalProcessor = physicalProcessor;
    }

    /// <summary>The product's physicalProcessor attribute ("Intel Xeon 8375C (Ice Lake)"); empty when not given.</summary>
    public string PhysicalProcessor { get; }

    public IReadOnlyDictionary<GpuPricingModel, double> Prices { get; }

    public string AsOf { get; }
}

/// <summary>
/// Price List GetProducts for one (type, region), with the GPU path's filters and parser. A
/// document whose attributes are not Linux, shared tenancy, no pre-installed software and "Used"
/// capacity is ignored even when the service returns it. Answers are cached for the session, so
/// Get-AwsInstance -PriceSource Live asks once per distinct type and region.
/// </summary>
internal static class LivePriceList
{
    private static readonly ConcurrentDictionary<(string Type, string Region), PriceListPrice?> Cache = new();

    /// <summary>On-demand and standard reserved prices; null when the Price List has no Linux shared-tenancy price for the pair.</summary>
    public static async Task<PriceListPrice?> PricesAsync(IPriceListClient client, string instanceType, string region, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue((instanceType, region), out var cached))
        {
            return cached;
        }

        var documents = await client.GetProductsAsync("AmazonEC2", AwsPriceListPrices.Filters(instanceType, region), cancellationToken).ConfigureAwait(false);
        PriceListPrice? found = null;
        foreach (var document in documents)
        {
            if (!AwsPriceListPrices.IsLinuxSharedTenancy(document))
            {
                continue;
            }

            var (type, regionCode, prices, asOf) = AwsPriceListPrices.Parse(document);
            if (string.Equals(type, instanceType, StringComparison.Ordinal) && string.Equals(regionCode, region, StringComparison.Ordinal) && prices.Count > 0)
            {
                found = new PriceListPrice(prices.ToDictionary(p => p.Key, p => p.Value), asOf, AwsPriceListPrices.ProductAttribute(document, "physicalProcessor"));
            }
        }

        // Only answers are cached: a failure is asked again next time.
        Cache[(instanceType, region)] = found;
        return found;
    }

    /// <summary>Forgets every cached answer (tests).</summary>
    internal static void Clear() => Cache.Clear();
}
