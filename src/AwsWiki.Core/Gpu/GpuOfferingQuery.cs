using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>Turns catalog entries (embedded or live) into priced, filtered, sorted offerings.</summary>
internal static class GpuOfferingQuery
{
    public const double HoursPerMonth = 730;

    public static IReadOnlyList<GpuInstanceOffering> Run(GpuOfferingRequest request, IEnumerable<GpuCatalogEntry> entries)
    {
        var offerings = new List<GpuInstanceOffering>();
        foreach (var entry in entries)
        {
            if (!request.MatchesSpec(entry))
            {
                continue;
            }

            var offering = ToOffering(entry, request);
            if (offering.HourlyPrice is null)
            {
                if (request.IncludeUnpriced && request.MaxPricePerGpuHour is null)
                {
                    offerings.Add(offering);
                }

                continue;
            }

            if (request.MaxPricePerGpuHour is { } max && !(offering.PricePerGpuHour <= max))
            {
                continue;
            }

            offerings.Add(offering);
        }

        // Cheapest GPU-hour first; unpriced rows last, then by name so the order is stable.
        return offerings
            .OrderBy(o => o.PricePerGpuHour ?? o.HourlyPrice ?? double.MaxValue)
            .ThenBy(o => o.Provider, StringComparer.Ordinal)
            .ThenBy(o => o.InstanceType, StringComparer.Ordinal)
            .ThenBy(o => o.Region, StringComparer.Ordinal)
            .ToList();
    }

    public static GpuInstanceOffering ToOffering(GpuCatalogEntry entry, GpuOfferingRequest request)
    {
        double? hourly = entry.HourlyPrices.TryGetValue(request.PricingModel, out var price) ? price : null;
        var currency = entry.Currency;
        if (hourly is not null && !currency.Equals(request.Currency, StringComparison.OrdinalIgnoreCase) && request.ExchangeRate is { } rate
            && currency == "USD")
        {
            hourly *= rate;
            currency = request.Currency;
        }

        return new GpuInstanceOffering
        {
            Provider = entry.Provider,
            InstanceType = entry.InstanceType,
            Region = entry.Region,
            AvailabilityZones = entry.AvailabilityZones,
            AvailabilityZoneIds = entry.AvailabilityZoneIds,
            GpuModel = entry.GpuModel,
            GpuManufacturer = entry.GpuManufacturer,
            GpuCount = entry.GpuCount,
            GpuFraction = entry.GpuFraction,
            GpuMemoryGiB = entry.GpuMemoryGiB,
            TotalGpuMemoryGiB = entry.GpuFraction is null ? Math.Round(entry.GpuMemoryGiB * entry.GpuCount, 2) : entry.GpuMemoryGiB,
            VCpus = entry.VCpus,
            MemoryGiB = entry.MemoryGiB,
            Architecture = entry.Architecture,
            ProcessorVendor = entry.ProcessorVendor,
            GpuInterconnect = entry.GpuInterconnect,
            PricingModel = request.PricingModel.ToString(),
            HourlyPrice = hourly,
            // A fractional size's GPU-hour is its price over its share: 1/6 of an A10 at 0.45/h is 2.70 per A10-hour.
            PricePerGpuHour = hourly is { } h && (entry.GpuFraction ?? entry.GpuCount) is var gpus and > 0 ? h / gpus : null,
            MonthlyPrice = hourly * HoursPerMonth,
            Currency = hourly is null ? request.Currency : currency,
            PriceAsOf = entry.PriceAsOfFor(request.PricingModel),
            Source = entry.Source,
        };
    }
}
