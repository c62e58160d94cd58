using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>Turns instance catalog entries (embedded or live) into priced, filtered offerings, cheapest first.</summary>
internal static class InstanceOfferingQuery
{
    public static IReadOnlyList<InstanceOffering> Run(InstanceOfferingRequest request, IEnumerable<InstanceCatalogEntry> entries)
    {
        var offerings = new List<InstanceOffering>();
        foreach (var entry in entries)
        {
            if (!request.MatchesSpec(entry))
            {
                continue;
            }

            var offering = ToOffering(entry, request.Common);
            if (offering.HourlyPrice is null)
            {
                if (request.Common.IncludeUnpriced && request.MaxHourlyPrice is null)
                {
                    offerings.Add(offering);
                }

                continue;
            }

            if (request.MaxHourlyPrice is { } max && !(offering.HourlyPrice <= max))
            {
                continue;
            }

            offerings.Add(offering);
        }

        return offerings
            .OrderBy(o => o.HourlyPrice ?? double.MaxValue)
            .ThenBy(o => o.InstanceType, StringComparer.Ordinal)
            .ThenBy(o => o.Region, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The entry under the request's pricing model, in its currency (USD times -ExchangeRate).</summary>
    public static InstanceOffering ToOffering(InstanceCatalogEntry entry, GpuOfferingRequest request)
    {
        double? hourly = entry.HourlyPrices.TryGetValue(request.PricingModel, out var price) ? price * (request.ExchangeRate ?? 1) : null;
        var spec = entry.Spec;
        return new InstanceOffering
        {
            InstanceType = spec.InstanceType,
            Family = spec.Family,
            Region = entry.Region,
            AvailabilityZones = entry.AvailabilityZones,
            VCpus = spec.VCpus,
            MemoryGiB = spec.MemoryGiB,
            Architecture = spec.Architecture,
            ProcessorVendor = spec.ProcessorVendor,
            ProcessorModel = entry.ProcessorModel,
            SustainedClockGhz = spec.SustainedClockGhz,
            GpuModel = spec.GpuModel,
            GpuManufacturer = spec.GpuManufacturer,
            GpuCount = spec.GpuCount,
            GpuMemoryGiB = spec.GpuMemoryGiB,
            PricingModel = request.PricingModel.ToString(),
            HourlyPrice = hourly,
            MonthlyPrice = hourly * GpuOfferingQuery.HoursPerMonth,
            Currency = request.Currency,
            PriceAsOf = hourly is null ? string.Empty : entry.PriceAsOfFor(request.PricingModel),
            Source = entry.Source,
        };
    }
}
