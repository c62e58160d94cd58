using System.Collections.Generic;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>One instance type in one region: its spec, zones and whatever USD prices the source had.</summary>
internal sealed class InstanceCatalogEntry
{
    public InstanceCatalogEntry(InstanceTypeSpec spec, string region)
    {
        Spec = spec;
        Region = region;
    }

    public InstanceTypeSpec Spec { get; }

    public string Region { get; }

    /// <summary>Comma-joined zone names.</summary>
    public string AvailabilityZones { get; set; } = string.Empty;

    /// <summary>Hourly USD prices by model (Linux, shared tenancy).</summary>
    public Dictionary<GpuPricingModel, double> HourlyPrices { get; } = new();

    /// <summary>Publication date of the on-demand (and reserved) prices; empty when the source does not say.</summary>
    public string PriceAsOf { get; set; } = string.Empty;

    public string SpotPriceAsOf { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    /// <summary>The processor model the Price List names (live only; EC2 and the catalog do not say).</summary>
    public string ProcessorModel { get; set; } = string.Empty;

    public string PriceAsOfFor(GpuPricingModel model) => model == GpuPricingModel.Spot ? SpotPriceAsOf : PriceAsOf;
}
