using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu.Capacity;

/// <summary>Gives each row its recommendation and reason, and orders rows best first.</summary>
internal static class CapacityAdvisor
{
    /// <summary>Spot placement scores run 1 to 10; AWS calls 1 to 3 unlikely to succeed.</summary>
    public const int LowSpotScore = 3;

    public static void Recommend(GpuCapacity row)
    {
        var spot = row.SpotPlacementScore is { } s ? $"Spot score {s} of 10" : null;
        var block = row.CapacityBlockStart is { } start
            ? $"a {row.CapacityBlockHours} h Capacity Block from {start:yyyy-MM-dd HH:mm} UTC for {row.CapacityBlockUpfrontFee:0.##} USD"
            : null;
        var refused = row.ProbeResult == CapacityProbeResult.InsufficientCapacity;
        var lowSpot = row.SpotPlacementScore is <= LowSpotScore;

        (row.Recommendation, row.Reason) = row switch
        {
            { Offered: false } => (CapacityRecommendation.NotOffered, $"{row.InstanceType} is not offered in {row.AvailabilityZoneId}."),
            _ when row.AvailableReserved >= row.Count =>
                (CapacityRecommendation.Reserved, $"Your active reservations hold {row.AvailableReserved} available; launch into them."),
            { ProbeResult: CapacityProbeResult.Succeeded } =>
                (CapacityRecommendation.Probed, $"A reservation for {row.Count} succeeded just now (cancelled at once)."),
            _ when !refused && !lowSpot =>
                (CapacityRecommendation.OnDemandLikely, spot is null
                    ? "Offered; capacity not measured (use -IncludeSpot or -Probe)."
                    : $"Offered; {spot} suggests spare capacity."),
            _ when block is not null =>
                (CapacityRecommendation.CapacityBlock, $"{(refused ? "On-demand refused" : spot)}; {block}."),
            _ when refused && row.SpotPlacementScore is > LowSpotScore =>
                (CapacityRecommendation.Spot, $"On-demand refused, but {spot}: Spot (interruptible) is likely."),
            _ => (CapacityRecommendation.Unavailable, refused
                ? $"On-demand refused for {row.Count}{(spot is null ? string.Empty : "; " + spot)}."
                : $"Offered, but {spot}: capacity is scarce; try -Probe or -CapacityBlockDurationHours."),
        };
        if (row.AvailableReserved > 0 && row.Recommendation != CapacityRecommendation.Reserved)
        {
            row.Reason += $" Your reservations hold {row.AvailableReserved} of the {row.Count}.";
        }

        AwsWiki.Gpu.Quotas.CapacityQuotas.Recommend(row);
    }

    /// <summary>Best first: recommendation, then higher Spot score, earlier block, lower price, then names.</summary>
    public static IEnumerable<GpuCapacity> Sort(IEnumerable<GpuCapacity> rows) =>
        rows.OrderBy(r => r.Recommendation)
            .ThenByDescending(r => r.SpotPlacementScore ?? 0)
            .ThenBy(r => r.CapacityBlockStart ?? System.DateTime.MaxValue)
            .ThenBy(r => r.OnDemandHourlyPrice ?? double.MaxValue)
            .ThenBy(r => r.InstanceType, System.StringComparer.Ordinal)
            .ThenBy(r => r.Region, System.StringComparer.Ordinal)
            .ThenBy(r => r.AvailabilityZoneId, System.StringComparer.Ordinal);
}
