namespace AwsWiki.Gpu.Capacity;

/// <summary>How to get the instances in a zone, best first (the order results are sorted in).</summary>
public enum CapacityRecommendation
{
    /// <summary>Your active capacity reservations there have enough available instances.</summary>
    Reserved,

    /// <summary>A capacity reservation for the count was created (and cancelled at once).</summary>
    Probed,

    /// <summary>Offered, and nothing measured says capacity is short (a Spot score of 4 or more, or none asked for).</summary>
    OnDemandLikely,

    /// <summary>On-demand looks short, but a Capacity Block for ML can be bought for a later start.</summary>
    CapacityBlock,

    /// <summary>On-demand was refused, but the Spot score says Spot capacity is likely.</summary>
    Spot,

    /// <summary>Offered, but every measure says no capacity now.</summary>
    Unavailable,

    /// <summary>Offered, but the family's vCPU quota is too low for the instances in use plus the count (Request-GpuQuotaIncrease asks for more).</summary>
    QuotaExceeded,

    /// <summary>The type is not offered in that zone at all.</summary>
    NotOffered,
}
