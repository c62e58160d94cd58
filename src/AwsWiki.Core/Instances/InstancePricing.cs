using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;
using AwsWiki.Gpu;
using AwsWiki.Instances.Offerings;

namespace AwsWiki.Instances;

/// <summary>
/// Prices a listed instance: HourlyPrice, MonthlyPrice (730 h), CostSinceLaunch (the price times
/// its uptime) from the embedded catalogs (the all-type catalog, then the GPU catalog), or with
/// -PriceSource Live from the Price List, asked once per distinct type and region for the
/// session, and spot instances at EC2's latest spot price. An instance that cannot be priced says why in UnpricedReason.
/// </summary>
internal static class InstancePricing
{
    public const string Catalog = "Catalog";
    public const string Live = "Live";

    /// <summary>The catalog's price for the instance's type, region and lifecycle, or the reason there is none.</summary>
    public static void ApplyCatalog(AwsInstance instance)
    {
        if (Unpriceable(instance) is { } reason)
        {
            Unpriced(instance, reason);
            return;
        }

        var model = ModelOf(instance)!.Value;
        var type = instance.InstanceType!;
        if (InstanceCatalog.Find(type, instance.Region) is { } entry && entry.HourlyPrices.TryGetValue(model, out var price))
        {
            Priced(instance, model, price, entry.PriceAsOfFor(model), entry.Source);
            return;
        }

        var gpu = GpuCatalog.Entries.FirstOrDefault(e => e.Provider == GpuOfferingRequest.Aws && e.InstanceType == type && e.Region == instance.Region);
        if (gpu is not null && gpu.HourlyPrices.TryGetValue(model, out var gpuPrice))
        {
            Priced(instance, model, gpuPrice, gpu.PriceAsOfFor(model), gpu.Source);
            return;
        }

        Unpriced(instance, $"The catalog has no {model} price for {type} in {instance.Region}; -PriceSource Live asks the Price List.");
    }

    /// <summary>
    /// Live prices: on-demand Linux instances from the Price List (once per type and region for the
    /// session), spot instances from EC2's spot price history (the type's lowest zone). Both are
    /// optional signals: failing, the catalog's prices stay and one warning per signal says why.
    /// </summary>
    /// <param name="spotPrices">Latest spot price by type for the region (DescribeSpotPriceHistory).</param>
    public static async Task ApplyLiveAsync(IReadOnlyList<AwsInstance> instances, IPriceListClient priceList,
        Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, double>>> spotPrices, IActivityReporter reporter, string region, CancellationToken cancellationToken)
    {
        var priceable = instances.Where(i => Unpriceable(i) is null).ToList();
        var spot = priceable.Where(i => ModelOf(i) == GpuPricingModel.Spot).ToList();
        if (spot.Count > 0)
        {
            var spotSignal = new OptionalSignal(region, "EC2 spot price history", "spot instances keep the catalog's prices", reporter);
            var (known, prices) = await spotSignal.TryAsync(() => spotPrices(spot.Select(i => i.InstanceType!).Distinct(StringComparer.Ordinal).ToList()), cancellationToken)
                .ConfigureAwait(false);
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var instance in spot.Where(_ => known))
            {
                if (prices!.TryGetValue(instance.InstanceType!, out var hourly))
                {
                    Priced(instance, GpuPricingModel.Spot, hourly, today, "EC2 spot price history (live)");
                }
            }
        }

        var signal = new OptionalSignal(region, "Price List prices", "the catalog's prices are shown", reporter);
        foreach (var group in priceable.Where(i => ModelOf(i) == GpuPricingModel.OnDemand).GroupBy(i => i.InstanceType!, StringComparer.Ordinal))
        {
            var (known, price) = await signal.TryAsync(() => LivePriceList.PricesAsync(priceList, group.Key, region, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            if (!known)
            {
                return;
            }

            foreach (var instance in group)
            {
                if (price is not null && price.Prices.TryGetValue(GpuPricingModel.OnDemand, out var hourly))
                {
                    Priced(instance, GpuPricingModel.OnDemand, hourly, price.AsOf, "AWS Price List API (live)");
                }
                else
                {
                    Unpriced(instance, $"The Price List has no Linux shared-tenancy on-demand price for {group.Key} in {region}.");
                }
            }
        }
    }

    private static GpuPricingModel? ModelOf(AwsInstance instance) => instance.Lifecycle switch
    {
        InstanceLifecycles.OnDemand => GpuPricingModel.OnDemand,
        InstanceLifecycles.Spot => GpuPricingModel.Spot,
        _ => null,
    };

    private static string? Unpriceable(AwsInstance instance)
    {
        if (string.IsNullOrEmpty(instance.InstanceType))
        {
            return "EC2 did not say the instance type.";
        }

        if (ModelOf(instance) is null)
        {
            return $"A {instance.Lifecycle} instance is paid per reservation, not per hour of the type.";
        }

        if (instance.Platform is { Length: > 0 } platform && !platform.Equals("Linux/UNIX", StringComparison.OrdinalIgnoreCase))
        {
            return $"Prices are for Linux/UNIX; this instance runs {platform}.";
        }

        return null;
    }

    private static void Priced(AwsInstance instance, GpuPricingModel model, double hourly, string asOf, string source)
    {
        instance.HourlyPrice = hourly;
        instance.EstimatedHourlyPrice = hourly;
        instance.MonthlyPrice = hourly * GpuCostCalculator.HoursPerMonth;
        instance.CostSinceLaunch = instance.Uptime is { } up ? Math.Round(hourly * up.TotalHours, 4) : null;
        instance.Currency = "USD";
        instance.PricingModel = model.ToString();
        instance.PriceAsOf = asOf;
        instance.PriceSource = source;
        instance.UnpricedReason = null;
    }

    private static void Unpriced(AwsInstance instance, string reason)
    {
        instance.HourlyPrice = instance.EstimatedHourlyPrice = instance.MonthlyPrice = instance.CostSinceLaunch = null;
        instance.Currency = instance.PricingModel = instance.PriceAsOf = instance.PriceSource = null;
        instance.UnpricedReason = reason;
    }
}
