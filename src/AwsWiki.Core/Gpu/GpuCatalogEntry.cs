using System.Collections.Generic;

namespace AwsWiki.Gpu;

/// <summary>
/// One instance type in one region, with its specs and whatever hourly prices the source had.
/// Both the embedded catalog and a live query produce these; <see cref="GpuOfferingQuery"/> turns
/// them into offerings.
/// </summary>
internal sealed class GpuCatalogEntry
{
    public string Provider { get; set; } = string.Empty;

    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>Zone names, comma-separated (AWS: moto's name-to-ID mapping; names differ per account).</summary>
    public string AvailabilityZones { get; set; } = string.Empty;

    /// <summary>The zone IDs of <see cref="AvailabilityZones"/>, in the same order (the physical zones, the same in every account).</summary>
    public string AvailabilityZoneIds { get; set; } = string.Empty;

    public string GpuModel { get; set; } = string.Empty;

    public string GpuManufacturer { get; set; } = string.Empty;

    public int GpuCount { get; set; }

    /// <summary>The share of one GPU (1/6, 1/8 …) for fractional-GPU sizes, whose GpuCount is 0.</summary>
    public double? GpuFraction { get; set; }

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

    /// <summary>Publication date of the on-demand (and reserved) prices; empty when the source does not say.</summary>
    public string PriceAsOf { get; set; } = string.Empty;

    /// <summary>Publication date of the Spot price, where it differs from <see cref="PriceAsOf"/>'s source.</summary>
    public string SpotPriceAsOf { get; set; } = string.Empty;

    public string PriceAsOfFor(GpuPricingModel model) =>
        model == GpuPricingModel.Spot && SpotPriceAsOf.Length > 0 ? SpotPriceAsOf : PriceAsOf;

    public string Source { get; set; } = string.Empty;

    /// <summary>A copy of everything but the prices, for the same type in another region or source.</summary>
    public GpuCatalogEntry CloneSpec() => new()
    {
        Provider = Provider, InstanceType = InstanceType, Region = Region, AvailabilityZones = AvailabilityZones, AvailabilityZoneIds = AvailabilityZoneIds,
        GpuModel = GpuModel, GpuManufacturer = GpuManufacturer, GpuCount = GpuCount, GpuFraction = GpuFraction, GpuMemoryGiB = GpuMemoryGiB,
        VCpus = VCpus, MemoryGiB = MemoryGiB, Architecture = Architecture, ProcessorVendor = ProcessorVendor,
        GpuInterconnect = GpuInterconnect, Currency = Currency, PriceAsOf = PriceAsOf, SpotPriceAsOf = SpotPriceAsOf, Source = Source,
    };
}
