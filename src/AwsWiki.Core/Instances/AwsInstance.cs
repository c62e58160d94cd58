using System;

namespace AwsWiki.Instances;

/// <summary>
/// One EC2 instance as Get-AwsInstance lists it: where it is (profile, account, region), what it
/// is, and what this module knows about its type (GPUs, catalog price). Scalar properties, so
/// Export-Csv gives clean columns; <see cref="Tags"/> is the one dictionary, <see cref="TagText"/>
/// its flat form.
/// </summary>
public sealed class AwsInstance
{
    public string? ProfileName { get; set; }

    public string? AccountId { get; set; }

    public string Region { get; set; } = string.Empty;

    public string? AvailabilityZone { get; set; }

    public string? AvailabilityZoneId { get; set; }

    public string InstanceId { get; set; } = string.Empty;

    /// <summary>The Name tag.</summary>
    public string? Name { get; set; }

    /// <summary>pending, running, stopping, stopped, shutting-down, terminated.</summary>
    public string? State { get; set; }

    public string? InstanceType { get; set; }

    /// <summary>From the embedded GPU catalog; empty for types without accelerators.</summary>
    public string? GpuModel { get; set; }

    public int? GpuCount { get; set; }

    /// <summary>OnDemand, Spot or CapacityBlock.</summary>
    public string Lifecycle { get; set; } = InstanceLifecycles.OnDemand;

    public string? PrivateIpAddress { get; set; }

    public string? PublicIpAddress { get; set; }

    public DateTime? LaunchTime { get; set; }

    /// <summary>Since launch, for running instances; empty otherwise (a stopped instance is not up).</summary>
    public TimeSpan? Uptime { get; set; }

    public string? KeyName { get; set; }

    /// <summary>Linux/UNIX or Windows, as EC2's PlatformDetails says.</summary>
    public string? Platform { get; set; }

    public string? Architecture { get; set; }

    public string? VpcId { get; set; }

    public string? SubnetId { get; set; }

    /// <summary>The instance profile's ARN.</summary>
    public string? IamInstanceProfile { get; set; }

    /// <summary>Online or ConnectionLost from SSM DescribeInstanceInformation; NotManaged when SSM does not know it; empty when SSM could not be asked.</summary>
    public string? SsmPingStatus { get; set; }

    /// <summary>The on-demand or spot (by <see cref="PricingModel"/>) Linux price per hour of the type in the region; empty with <see cref="UnpricedReason"/>.</summary>
    public double? HourlyPrice { get; set; }

    /// <summary>HourlyPrice x 730 hours.</summary>
    public double? MonthlyPrice { get; set; }

    /// <summary>HourlyPrice x <see cref="Uptime"/>: what the instance has cost since it was (last) launched; empty when it is not running.</summary>
    public double? CostSinceLaunch { get; set; }

    /// <summary>The same as <see cref="HourlyPrice"/> (the name earlier versions used).</summary>
    public double? EstimatedHourlyPrice { get; set; }

    public string? Currency { get; set; }

    /// <summary>OnDemand or Spot: which price <see cref="HourlyPrice"/> is.</summary>
    public string? PricingModel { get; set; }

    /// <summary>The date the price source published the price; empty where it does not say.</summary>
    public string? PriceAsOf { get; set; }

    /// <summary>Where the price came from (a catalog snapshot, or the Price List API).</summary>
    public string? PriceSource { get; set; }

    /// <summary>Why the instance has no price (a Windows instance, a capacity block, a type the catalog does not price); empty when priced.</summary>
    public string? UnpricedReason { get; set; }

    /// <summary>The role assumed to reach the account (with -OrganizationRoleName); empty for the profile's own credentials.</summary>
    public string? RoleArn { get; set; }

    /// <summary>"k=v; k2=v2", keys sorted.</summary>
    public string TagText { get; set; } = string.Empty;

    public InstanceTags Tags { get; set; } = new();
}
