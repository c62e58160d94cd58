namespace AwsWiki.Gpu;

/// <summary>
/// What running enough instances of one offering for a period costs. It carries the offering's
/// own figures too (GpuModel, GpusPerInstance, HourlyPrice, PricingModel, Currency), so an
/// exported estimate can be imported and measured again.
/// </summary>
public sealed class GpuCostEstimate
{
    public string Provider { get; set; } = string.Empty;

    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string GpuModel { get; set; } = string.Empty;

    /// <summary>The offering's GPUs per instance.</summary>
    public int GpusPerInstance { get; set; }

    public string PricingModel { get; set; } = string.Empty;

    /// <summary>The offering's price per instance-hour, in <see cref="Currency"/>.</summary>
    public double HourlyPrice { get; set; }

    /// <summary>ceiling(GpuCount / GpusPerInstance).</summary>
    public int Instances { get; set; }

    /// <summary>The GPUs asked for (Instances x GpusPerInstance may be more).</summary>
    public int GpuCount { get; set; }

    public double Hours { get; set; }

    public double TotalCost { get; set; }

    /// <summary>TotalCost / (GpuCount x Hours): what each GPU you asked for costs per hour, spare GPUs included.</summary>
    public double CostPerGpuHour { get; set; }

    public string Currency { get; set; } = string.Empty;
}
