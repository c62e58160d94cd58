namespace AwsWiki.Gpu;

/// <summary>The clouds the GPU cmdlets know; the names are the ones GpuOfferingRequest uses.</summary>
public enum GpuProvider
{
    AWS,
    Azure,
}
