namespace AwsWiki.Gpu;

/// <summary>One instance type in one region under one pricing model; scalar properties only, so Export-Csv gives clean columns.</summary>
public sealed class GpuInstanceOffering
{
    public string Provider { get; set; } = string.Empty;

    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>Comma-joined zone names (AWS); empty for Azure.</summary>
    public string AvailabilityZones { get; set; } = string.Empty;

    /// <summary>The zone IDs of <see cref="AvailabilityZones"/>, in the same order; empty where the source has none (Azure, live queries).</summary>
    public string AvailabilityZoneIds { get; set; } = string.Empty;

    public string GpuModel { get; set; } = string.Empty;

    public string GpuManufacturer { get; set; } = string.Empty;

    /// <summary>Accelerators per instance (0 for fractional-GPU sizes such as g6f).</summary>
    public int GpuCount { get; set; }

    /// <summary>The share of one GPU a fractional-GPU size gets (NV6ads_A10_v5: 1/6); empty for whole GPUs.</summary>
    public double? GpuFraction { get; set; }

    /// <summary>Memory of one accelerator (of the share, for a fractional-GPU size).</summary>
    public double GpuMemoryGiB { get; set; }

    public double TotalGpuMemoryGiB { get; set; }

    public int VCpus { get; set; }

    public double MemoryGiB { get; set; }

    public string Architecture { get; set; } = string.Empty;

    public string ProcessorVendor { get; set; } = string.Empty;

    /// <summary>NVLink, NVSwitch, PCIe or Unknown.</summary>
    public string GpuInterconnect { get; set; } = "Unknown";

    public string PricingModel { get; set; } = string.Empty;

    /// <summary>Empty when the source has no price for this model (listed only with -IncludeUnpriced).</summary>
    public double? HourlyPrice { get; set; }

    public double? PricePerGpuHour { get; set; }

    /// <summary>730 hours.</summary>
    public double? MonthlyPrice { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>The date the source published this price model's price; empty where the source does not say.</summary>
    public string PriceAsOf { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;
}
