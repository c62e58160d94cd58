namespace AwsWiki.Gpu;

/// <summary>What running enough instances of one offering for a period costs.</summary>
public sealed class GpuCostEstimate
{
    public string Provider { get; set; } = string.Empty;

    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string PricingModel { get; set; } = string.Empty;

    /// <summary>ceiling(GpuCount / GPUs per instance).</summary>
    public int Instances { get; set; }

    /// <summary>The GPUs asked for (Instances x GPUs per instance may be more).</summary>
    public int GpuCount { get; set; }

    public double Hours { get; set; }

    public double TotalCost { get; set; }

    /// <summary>TotalCost / (GpuCount x Hours): what each GPU you asked for costs per hour, spare GPUs included.</summary>
    public double CostPerGpuHour { get; set; }

    public string Currency { get; set; } = string.Empty;
}
