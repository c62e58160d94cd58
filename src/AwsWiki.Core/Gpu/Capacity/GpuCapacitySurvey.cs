using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.Gpu.Capacity;

/// <summary>
/// Everything EC2 says about capacity for some instance types in one region, one row per
/// (type, zone ID): offerings, the caller's reservations, and on request Spot placement scores
/// and Capacity Block offers. Read-only; probing is a separate, confirmed step.
/// </summary>
public static class GpuCapacitySurvey
{
    /// <param name="priceList">The Price List API for live on-demand prices; null takes them from the embedded catalog.</param>
    public static async Task<IReadOnlyList<GpuCapacity>> RunAsync(Ec2CapacityClient client, IReadOnlyList<string> instanceTypes, int count,
        bool includeSpot, int? capacityBlockHours, IPriceListClient? priceList, IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var region = client.Region;
        reporter.Verbose($"{region}: availability zones, offerings and reservations of {string.Join(", ", instanceTypes)}.");
        var zones = await client.ZonesAsync(cancellationToken).ConfigureAwait(false);
        var offered = await client.OfferedAsync(instanceTypes, cancellationToken).ConfigureAwait(false);
        var reservations = await client.AvailableReservationsAsync(instanceTypes, cancellationToken).ConfigureAwait(false);
        var idOf = zones.ToDictionary(z => z.Name, z => z.Id, StringComparer.Ordinal);

        var rows = new List<GpuCapacity>();
        foreach (var type in instanceTypes)
        {
            var scores = includeSpot && offered.Any(o => o.Type == type)
                ? await client.SpotScoresAsync(type, count, cancellationToken).ConfigureAwait(false)
                : new Dictionary<string, int>();
            var offers = capacityBlockHours is { } hours && offered.Any(o => o.Type == type)
                ? await BlockOffersAsync(client, type, count, hours, reporter, cancellationToken).ConfigureAwait(false)
                : Array.Empty<(string Zone, DateTime Start, int Hours, double UpfrontFee)>();
            var price = priceList is null
                ? OnDemandPrice(type, region)
                : await LiveOnDemandPriceAsync(priceList, type, region, reporter, cancellationToken).ConfigureAwait(false);

            foreach (var (name, id) in zones)
            {
                var row = new GpuCapacity
                {
                    InstanceType = type,
                    Region = region,
                    AvailabilityZoneId = id,
                    AvailabilityZone = name,
                    Count = count,
                    Offered = offered.Contains((type, id)),
                    SpotPlacementScore = scores.TryGetValue(id, out var score) ? score : null,
                    AvailableReserved = reservations
                        .Where(r => r.Type == type && (r.ZoneId ?? IdOf(idOf, r.Zone)) == id)
                        .Sum(r => r.Available),
                    OnDemandHourlyPrice = price,
                };
                var earliest = offers.Where(o => IdOf(idOf, o.Zone) == id).OrderBy(o => o.Start).FirstOrDefault();
                if (earliest.Zone is not null)
                {
                    row.CapacityBlockStart = earliest.Start;
                    row.CapacityBlockHours = earliest.Hours;
                    row.CapacityBlockUpfrontFee = earliest.UpfrontFee;
                    row.CapacityBlockHourlyPrice = Math.Round(earliest.UpfrontFee / earliest.Hours / count, 6);
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>On-demand USD per hour of an AWS type in a region from the embedded catalog.</summary>
    public static double? OnDemandPrice(string instanceType, string region) =>
        GpuCatalog.Entries
            .Where(e => e.Provider == GpuOfferingRequest.Aws && e.InstanceType == instanceType && e.Region == region)
            .Select(e => e.HourlyPrices.TryGetValue(GpuPricingModel.OnDemand, out var p) ? p : (double?)null)
            .FirstOrDefault(p => p is not null);

    /// <summary>On-demand USD per hour from the Price List API; null (with a warning) when it has none or fails.</summary>
    public static async Task<double?> LiveOnDemandPriceAsync(IPriceListClient priceList, string instanceType, string region,
        IActivityReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            var documents = await priceList.GetProductsAsync("AmazonEC2", AwsPriceListPrices.Filters(instanceType, region), cancellationToken).ConfigureAwait(false);
            foreach (var document in documents)
            {
                var parsed = AwsPriceListPrices.Parse(document);
                if (parsed.InstanceType == instanceType && parsed.RegionCode == region && parsed.Prices.TryGetValue(GpuPricingModel.OnDemand, out var price))
                {
                    return price;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reporter.Warning($"{region}: no live on-demand price for {instanceType}: {e.Message}");
        }

        return null;
    }

    private static string? IdOf(Dictionary<string, string> ids, string zone) => ids.TryGetValue(zone, out var id) ? id : null;

    private static async Task<IReadOnlyList<(string Zone, DateTime Start, int Hours, double UpfrontFee)>> BlockOffersAsync(
        Ec2CapacityClient client, string type, int count, int hours, IActivityReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CapacityBlockOffersAsync(type, count, hours, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Aws.AwsFailureClassifier.Classify(e) is { Kind: FailureKind.InvalidArgument })
        {
            // Capacity Blocks exist for a few ML types only; EC2 refuses the others.
            reporter.Warning($"{client.Region}: no Capacity Block offers for {type}: {e.Message}");
            return Array.Empty<(string, DateTime, int, double)>();
        }
    }
}
