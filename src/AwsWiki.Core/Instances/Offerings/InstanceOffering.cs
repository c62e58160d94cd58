namespace AwsWiki.Instances.Offerings;

/// <summary>
/// One instance type in one region under one pricing model: the shape of the GPU offerings
/// (InstanceType, Region, zones, vCPUs, memory, processor, GPU fields where the type has them,
/// prices, PriceAsOf, Source), for every EC2 type. Scalar properties, so Export-Csv gives clean columns.
/// </summary>
public sealed class InstanceOffering
{
    public string Provider { get; set; } = "AWS";

    public string InstanceType { get; set; } = string.Empty;

    public string Family { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>Comma-joined zone names.</summary>
    public string AvailabilityZones { get; set; } = string.Empty;

    public int VCpus { get; set; }

    public double MemoryGiB { get; set; }

    public string Architecture { get; set; } = string.Empty;

    public string ProcessorVendor { get; set; } = string.Empty;

    /// <summary>The processor model ("Intel Xeon 8375C (Ice Lake)") from the Price List in a live query; empty offline.</summary>
    public string ProcessorModel { get; set; } = string.Empty;

    /// <summary>EC2's sustained all-core clock; empty where EC2 does not say.</summary>
    public double? SustainedClockGhz { get; set; }

    /// <summary>Empty for types without accelerators.</summary>
    public string GpuModel { get; set; } = string.Empty;

    public string GpuManufacturer { get; set; } = string.Empty;

    public int? GpuCount { get; set; }

    public double? GpuMemoryGiB { get; set; }

    public string PricingModel { get; set; } = string.Empty;

    /// <summary>Empty when the source has no price for this model (listed only with -IncludeUnpriced).</summary>
    public double? HourlyPrice { get; set; }

    /// <summary>730 hours.</summary>
    public double? MonthlyPrice { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>The date the source published this price; empty where the source does not say.</summary>
    public string PriceAsOf { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;
}
