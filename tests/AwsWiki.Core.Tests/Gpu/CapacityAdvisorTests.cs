using System;
using System.Linq;
using AwsWiki.Gpu.Capacity;

namespace AwsWiki.Core.Tests.Gpu;

public sealed class CapacityAdvisorTests
{
    private static GpuCapacity Row(bool offered = true, int reserved = 0, int? spot = null, CapacityProbeResult probe = CapacityProbeResult.NotProbed,
        DateTime? block = null, int count = 2, string type = "p4d.24xlarge", string zone = "use1-az1", double? price = null) => new()
        {
            InstanceType = type, Region = "us-east-1", AvailabilityZoneId = zone, Count = count, Offered = offered, AvailableReserved = reserved,
            SpotPlacementScore = spot, ProbeResult = probe, CapacityBlockStart = block, CapacityBlockHours = block is null ? null : 24,
            CapacityBlockUpfrontFee = block is null ? null : 1234.5, OnDemandHourlyPrice = price,
        };

    private static GpuCapacity Recommended(GpuCapacity row)
    {
        CapacityAdvisor.Recommend(row);
        return row;
    }

    public static TheoryData<GpuCapacity, CapacityRecommendation> Cases => new()
    {
        { Row(offered: false, reserved: 5), CapacityRecommendation.NotOffered },
        { Row(reserved: 2), CapacityRecommendation.Reserved },
        { Row(reserved: 1, probe: CapacityProbeResult.Succeeded), CapacityRecommendation.Probed },
        { Row(), CapacityRecommendation.OnDemandLikely },
        { Row(spot: 4), CapacityRecommendation.OnDemandLikely },
        { Row(spot: 3, block: new DateTime(2026, 12, 24, 11, 30, 0, DateTimeKind.Utc)), CapacityRecommendation.CapacityBlock },
        { Row(probe: CapacityProbeResult.InsufficientCapacity, spot: 8), CapacityRecommendation.Spot },
        { Row(probe: CapacityProbeResult.InsufficientCapacity), CapacityRecommendation.Unavailable },
        { Row(spot: 1), CapacityRecommendation.Unavailable },
        { Row(probe: CapacityProbeResult.Failed), CapacityRecommendation.OnDemandLikely },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recommend(GpuCapacity row, CapacityRecommendation expected) => Assert.Equal(expected, Recommended(row).Recommendation);

    [Fact]
    public void Recommend_NotOffered_NamesTypeAndZone() =>
        Assert.Equal("p4d.24xlarge is not offered in use1-az1.", Recommended(Row(offered: false)).Reason);

    [Fact]
    public void Recommend_CapacityBlock_ReasonHasStartAndFee() =>
        Assert.Equal("Spot score 2 of 10; a 24 h Capacity Block from 2026-12-24 11:30 UTC for 1234.5 USD.",
            Recommended(Row(spot: 2, block: new DateTime(2026, 12, 24, 11, 30, 0, DateTimeKind.Utc))).Reason);

    [Fact]
    public void Recommend_PartialReservation_IsMentioned() =>
        Assert.EndsWith(" Your reservations hold 1 of the 2.", Recommended(Row(reserved: 1)).Reason);

    [Fact]
    public void Recommend_NotMeasured_SaysHowToMeasure() =>
        Assert.Contains("-IncludeSpot or -Probe", Recommended(Row()).Reason);

    [Fact]
    public void Sort_RecommendationThenSpotThenBlockThenPriceThenNames()
    {
        var rows = new[]
        {
            Row(spot: 5, zone: "b"), Row(spot: 9, zone: "a"), Row(reserved: 2, zone: "r"), Row(offered: false, zone: "n"),
            Row(spot: 5, zone: "c", price: 1), Row(spot: 5, zone: "a", price: 1),
        };
        foreach (var row in rows)
        {
            CapacityAdvisor.Recommend(row);
        }

        Assert.Equal(new[] { "r", "a", "a", "c", "b", "n" }, CapacityAdvisor.Sort(rows).Select(r => r.AvailabilityZoneId));
        Assert.Equal(9, CapacityAdvisor.Sort(rows).ElementAt(1).SpotPlacementScore);
    }
}
