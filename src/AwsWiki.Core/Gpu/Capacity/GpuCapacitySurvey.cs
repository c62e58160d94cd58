using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Gpu.Capacity;

/// <summary>
/// Everything EC2 says about capacity for some instance types in one region, one row per
/// (type, zone ID): offerings, the caller's reservations, and on request Spot placement scores
/// and Capacity Block offers. Read-only; probing is a separate, confirmed step. Zones and
/// offerings are the primary data: without them the region fails. Reservations, Spot scores,
/// Capacity Block offers and Price List prices are optional signals (<see cref="OptionalSignal"/>):
/// when they fail or are denied the rows come out with those properties empty and one warning.
/// </summary>
internal static class GpuCapacitySurvey
{
    private const int ActivityId = 3302;
    private const string Activity = "Surveying GPU capacity";

    /// <summary>
    /// Surveys each region through the one fan-out engine: a region's failure becomes one result
    /// whose error (RegionQueryFailed in the cause's category; a timeout stays RequestTimedOut)
    /// names the region; the other regions finish.
    /// </summary>
    /// <param name="context">The resolved context; each region gets the same credentials and endpoints.</param>
    /// <param name="livePrices">On-demand prices from the Price List API instead of the embedded catalog.</param>
    public static async Task<IReadOnlyList<FanOutResult<IReadOnlyList<GpuCapacity>>>> RunRegionsAsync(AwsContext context,
        IReadOnlyDictionary<string, List<string>> typesByRegion, int count, bool includeSpot, int? capacityBlockHours, bool livePrices,
        IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var priceList = livePrices ? new PriceListClient(context) : null;
        var fanOut = new FanOut(reporter, ActivityId, Activity);
        var scopes = typesByRegion.Keys.Select(r => new FanOutScope(context.ProfileName, null, r)).ToList();
        try
        {
            var results = await fanOut.RunAsync(scopes, async (scope, token) =>
            {
                using var client = new Ec2CapacityClient(context, scope.Region);
                var rows = await RunAsync(client, typesByRegion[scope.Region!], count, includeSpot, capacityBlockHours, priceList, reporter, token).ConfigureAwait(false);
                // The vCPU quota is an optional signal of the region, like reservations and Spot scores.
                await Quotas.CapacityQuotas.FillAsync(context, scope.Region!, rows, count, reporter, token).ConfigureAwait(false);
                return rows;
            }, cancellationToken, failure: Errors.RegionQueryFailed).ConfigureAwait(false);
            return results.Select(r => r.Error is null ? r
                : new FanOutResult<IReadOnlyList<GpuCapacity>>(r.Scope, r.Value, LiveRegionResult.AtRegion(r.Error, r.Scope.Region))).ToList();
        }
        finally
        {
            fanOut.Complete();
        }
    }

    /// <param name="priceList">The Price List API for live on-demand prices; null takes them from the embedded catalog.</param>
    public static async Task<IReadOnlyList<GpuCapacity>> RunAsync(Ec2CapacityClient client, IReadOnlyList<string> instanceTypes, int count,
        bool includeSpot, int? capacityBlockHours, IPriceListClient? priceList, IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var region = client.Region;
        reporter.Verbose($"{region}: availability zones, offerings and reservations of {string.Join(", ", instanceTypes)}.");
        var zones = await client.ZonesAsync(cancellationToken).ConfigureAwait(false);
        var offered = await client.OfferedAsync(instanceTypes, cancellationToken).ConfigureAwait(false);
        var idOf = zones.ToDictionary(z => z.Name, z => z.Id, StringComparer.Ordinal);

        var reserved = new OptionalSignal(region, "Capacity reservations", "AvailableReserved is empty", reporter);
        var spot = new OptionalSignal(region, "Spot placement scores", "SpotPlacementScore is empty", reporter);
        var blocks = new OptionalSignal(region, "Capacity Block offers", "the CapacityBlock properties are empty", reporter);
        var prices = new OptionalSignal(region, "Price List prices", "OnDemandHourlyPrice is empty", reporter);
        var (reservationsKnown, reservations) = await reserved.TryAsync(() => client.AvailableReservationsAsync(instanceTypes, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

        var rows = new List<GpuCapacity>();
        foreach (var type in instanceTypes)
        {
            var isOffered = offered.Any(o => o.Type == type);
            var scores = includeSpot && isOffered
                ? (await spot.TryAsync(() => client.SpotScoresAsync(type, count, cancellationToken), cancellationToken).ConfigureAwait(false)).Value
                : null;
            var offers = capacityBlockHours is { } hours && isOffered
                ? (await blocks.TryAsync(() => BlockOffersAsync(client, type, count, hours, reporter, cancellationToken), cancellationToken).ConfigureAwait(false)).Value
                : null;
            var price = priceList is null
                ? OnDemandPrice(type, region)
                : (await prices.TryAsync(() => LiveOnDemandPriceAsync(priceList, type, region, cancellationToken), cancellationToken).ConfigureAwait(false)).Value;

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
                    SpotPlacementScore = scores is not null && scores.TryGetValue(id, out var score) ? score : null,
                    AvailableReserved = reservationsKnown
                        ? reservations!.Where(r => r.Type == type && (r.ZoneId ?? IdOf(idOf, r.Zone)) == id).Sum(r => r.Available)
                        : null,
                    OnDemandHourlyPrice = price,
                };
                var earliest = (offers ?? Array.Empty<(string Zone, DateTime Start, int Hours, double UpfrontFee)>())
                    .Where(o => IdOf(idOf, o.Zone) == id).OrderBy(o => o.Start).FirstOrDefault();
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

    /// <summary>On-demand USD per hour from the Price List API; null when it has none. A failing Price List throws.</summary>
    public static async Task<double?> LiveOnDemandPriceAsync(IPriceListClient priceList, string instanceType, string region, CancellationToken cancellationToken)
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
        catch (AwsWikiException e) when (e.Kind == FailureKind.InvalidArgument)
        {
            // Capacity Blocks exist for a few ML types only; EC2 refuses the others. Not a failure of the signal.
            reporter.Warning($"{client.Region}: no Capacity Block offers for {type}: {e.Message}");
            return Array.Empty<(string, DateTime, int, double)>();
        }
    }
}
