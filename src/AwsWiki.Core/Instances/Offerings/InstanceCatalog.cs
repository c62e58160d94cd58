using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>
/// Every EC2 instance type, built into the assembly by tools/Update-InstanceCatalog.ps1: specs of
/// moto 5.2.1's 1,263 types, their zones per region, and prices where a dated snapshot has them
/// (on-demand in us-east-1 for every type; GPU and accelerator types in 24 regions). Parsed on
/// first use and kept for the session, so importing the module reads nothing.
/// </summary>
internal static class InstanceCatalog
{
    /// <summary>Every row's specs and zones come from here; the row's own price source is put before it.</summary>
    public const string SpecSource = "moto 5.2.1 (specs, zones)";

    private const string TypesResource = "AwsWiki.Instances.instance-types.csv";
    private const string OfferingsResource = "AwsWiki.Instances.instance-offerings.csv";

    private static readonly Lazy<IReadOnlyDictionary<string, InstanceTypeSpec>> LoadedTypes = new(LoadTypes);
    private static readonly Lazy<IReadOnlyList<InstanceCatalogEntry>> LoadedEntries = new(LoadEntries);
    private static readonly Lazy<IReadOnlyDictionary<(string Type, string Region), InstanceCatalogEntry>> ByTypeAndRegion = new(() =>
        Entries.ToDictionary(e => (e.Spec.InstanceType, e.Region)));

    /// <summary>Specs by type name (ordinal).</summary>
    public static IReadOnlyDictionary<string, InstanceTypeSpec> Types => LoadedTypes.Value;

    /// <summary>One entry per (type, region) the source offers, sorted by type, then region.</summary>
    public static IReadOnlyList<InstanceCatalogEntry> Entries => LoadedEntries.Value;

    public static InstanceCatalogEntry? Find(string instanceType, string region) =>
        ByTypeAndRegion.Value.TryGetValue((instanceType, region), out var entry) ? entry : null;

    private static IReadOnlyDictionary<string, InstanceTypeSpec> LoadTypes()
    {
        var types = new Dictionary<string, InstanceTypeSpec>(StringComparer.Ordinal);
        foreach (var cell in Rows(TypesResource))
        {
            var spec = new InstanceTypeSpec
            {
                InstanceType = cell("InstanceType"),
                VCpus = int.Parse(cell("VCpus"), CultureInfo.InvariantCulture),
                MemoryGiB = Number(cell("MemoryGiB")) ?? 0,
                Architecture = cell("Architecture"),
                ProcessorVendor = cell("ProcessorVendor") is { Length: > 0 } vendor ? vendor : "Unknown",
                SustainedClockGhz = Number(cell("SustainedClockGhz")),
                GpuModel = cell("GpuModel"),
                GpuManufacturer = cell("GpuManufacturer"),
                GpuCount = Number(cell("GpuCount")) is { } count ? (int)count : null,
                GpuMemoryGiB = Number(cell("GpuMemoryGiB")),
            };
            types[spec.InstanceType] = spec;
        }

        return types;
    }

    private static IReadOnlyList<InstanceCatalogEntry> LoadEntries()
    {
        var entries = new List<InstanceCatalogEntry>();
        foreach (var cell in Rows(OfferingsResource))
        {
            var region = cell("Region");
            var entry = new InstanceCatalogEntry(Types[cell("InstanceType")], region)
            {
                // Zones are kept as their suffix after the region ("a b c d").
                AvailabilityZones = string.Join(",", cell("Zones").Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(z => region + z)),
                PriceAsOf = cell("PriceAsOf"),
                SpotPriceAsOf = cell("SpotPriceAsOf"),
                Source = cell("PriceSource") is { Length: > 0 } prices ? prices + "; " + SpecSource : SpecSource,
            };
            if (Number(cell("OnDemandUsd")) is { } onDemand)
            {
                entry.HourlyPrices[GpuPricingModel.OnDemand] = onDemand;
            }

            if (Number(cell("SpotUsd")) is { } spot)
            {
                entry.HourlyPrices[GpuPricingModel.Spot] = spot;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static IEnumerable<Func<string, string>> Rows(string resource)
    {
        using var stream = typeof(InstanceCatalog).GetTypeInfo().Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The assembly has no embedded {resource}.");
        using var reader = new StreamReader(stream);
        var header = CsvLine.Split(reader.ReadLine() ?? string.Empty);
        var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = CsvLine.Split(line);
            yield return name => cells[column[name]];
        }
    }

    private static double? Number(string cell) =>
        cell.Length == 0 ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
