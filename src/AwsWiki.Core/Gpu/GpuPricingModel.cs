namespace AwsWiki.Gpu;

/// <summary>How an offering is paid for. Reserved terms are without upfront payment, shown per hour.</summary>
public enum GpuPricingModel
{
    OnDemand,
    Spot,
    Reserved1Yr,
    Reserved3Yr,
}
