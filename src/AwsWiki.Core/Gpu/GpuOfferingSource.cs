namespace AwsWiki.Gpu;

/// <summary>Where Get-GpuInstanceOffering reads offerings: the embedded catalog or the providers' APIs.</summary>
public enum GpuOfferingSource
{
    Catalog,
    Live,
}
