using System;

namespace AwsWiki.Gpu.Capacity;

/// <summary>
/// What is known about getting <see cref="Count"/> instances of one type in one availability zone.
/// Zones are keyed by ID (the same physical zone in every account); the name is the caller's.
/// </summary>
public sealed class GpuCapacity
{
    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string AvailabilityZoneId { get; set; } = string.Empty;

    /// <summary>The zone's name in the caller's account (names map to different IDs per account).</summary>
    public string AvailabilityZone { get; set; } = string.Empty;

    /// <summary>Instances asked for.</summary>
    public int Count { get; set; }

    /// <summary>DescribeInstanceTypeOfferings lists the type in this zone ID. Offered is not available.</summary>
    public bool Offered { get; set; }

    /// <summary>GetSpotPlacementScores for the count in this zone alone: 1 (unlikely) to 10 (very likely); null when not asked or not given.</summary>
    public int? SpotPlacementScore { get; set; }

    /// <summary>Start (UTC) of the earliest Capacity Block offer in this zone.</summary>
    public DateTime? CapacityBlockStart { get; set; }

    public int? CapacityBlockHours { get; set; }

    /// <summary>Upfront fee of that offer for all <see cref="Count"/> instances, in USD.</summary>
    public double? CapacityBlockUpfrontFee { get; set; }

    /// <summary>That fee per instance-hour, in USD.</summary>
    public double? CapacityBlockHourlyPrice { get; set; }

    /// <summary>Available instances in your active capacity reservations of this type here; null when EC2 could not tell (failed or denied).</summary>
    public int? AvailableReserved { get; set; }

    /// <summary>On-demand USD per instance-hour in this region (embedded catalog, or the Price List with -Source Live); null when not known.</summary>
    public double? OnDemandHourlyPrice { get; set; }

    /// <summary>The family's on-demand vCPU quota code (Service Quotas, service ec2); empty when not known.</summary>
    public string QuotaCode { get; set; } = string.Empty;

    /// <summary>That quota in vCPUs; null when Service Quotas could not tell (failed or denied).</summary>
    public int? QuotaVCpus { get; set; }

    /// <summary>vCPUs of the family's running and pending on-demand instances in the region.</summary>
    public int? UsedVCpus { get; set; }

    /// <summary>Count x the type's vCPUs.</summary>
    public int? RequiredVCpus { get; set; }

    public CapacityProbeResult ProbeResult { get; set; } = CapacityProbeResult.NotProbed;

    public CapacityRecommendation Recommendation { get; set; }

    public string Reason { get; set; } = string.Empty;
}
