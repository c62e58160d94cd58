using System.Collections.Generic;

namespace AwsWiki.Gpu;

/// <summary>
/// One instance type in one region, with its specs and whatever hourly prices the source had.
/// Both the embedded catalog and a live query produce these; <see cref="GpuOfferingQuery"/> turns
/// them into offerings.
/// </summary>
public sealed class GpuCatalogEntry
{
    public string Provider { get; set; } = string.Empty;

    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string AvailabilityZones { get; set; } = string.Empty;

    public string GpuModel { get; set; } = string.Empty;

    public string GpuManufacturer { get; set; } = string.Empty;

    public int GpuCount { get; set; }

    public double GpuMemoryGiB { get; set; }

    public int VCpus { get; set; }

    public double MemoryGiB { get; set; }

    public string Architecture { get; set; } = string.Empty;

    public string ProcessorVendor { get; set; } = string.Empty;

    public string GpuInterconnect { get; set; } = "Unknown";

    /// <summary>Hourly prices by model, in <see cref="Currency"/>.</summary>
    public Dictionary<GpuPricingModel, double> HourlyPrices { get; } = new();

    /// <summary>USD, except Azure live prices fetched in the requested currency.</summary>
    public string Currency { get; set; } = "USD";

    public string PriceAsOf { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public GpuCatalogEntry CloneSpec()
    {
        var copy = this;
        return new GpuCatalogEntry
        {
            Provider = copy.Provider, InstanceType = copy.InstanceType, Region = copy.Region, AvailabilityZones = copy.AvailabilityZones,
            GpuModel = copy.GpuModel, GpuManufacturer = copy.GpuManufacturer, GpuCount = copy.GpuCount, GpuMemoryGiB = copy.GpuMemoryGiB,
            VCpus = copy.VCpus, MemoryGiB = copy.MemoryGiB, Architecture = copy.Architecture, ProcessorVendor = copy.ProcessorVendor,
            GpuInterconnect = copy.GpuInterconnect, Currency = copy.Currency, PriceAsOf = copy.PriceAsOf, Source = copy.Source,
        };
    }
}
