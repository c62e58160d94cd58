using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AwsWiki.Gpu;

/// <summary>
/// The offerings built into the assembly by tools/Update-GpuCatalog.ps1. Parsed on first use and
/// kept for the session, so importing the module costs nothing and later queries are in memory.
/// </summary>
internal static class GpuCatalog
{
    private const string ResourceName = "AwsWiki.Gpu.gpu-catalog.csv";

    private static readonly Lazy<IReadOnlyList<GpuCatalogEntry>> Loaded = new(Load);

    public static IReadOnlyList<GpuCatalogEntry> Entries => Loaded.Value;

    /// <summary>The one processor vendor EC2 records for every catalog type of an AWS family (g5: AMD); null when none or several.</summary>
    public static string? ProcessorVendorOfFamily(string family)
    {
        var vendors = Entries
            .Where(e => e.Provider == GpuOfferingRequest.Aws && e.InstanceType.StartsWith(family + ".", StringComparison.Ordinal) && e.ProcessorVendor != "Unknown")
            .Select(e => e.ProcessorVendor)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return vendors.Count == 1 ? vendors[0] : null;
    }

    private static IReadOnlyList<GpuCatalogEntry> Load()
    {
        using var stream = typeof(GpuCatalog).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        var header = CsvLine.Split(reader.ReadLine() ?? string.Empty);
        var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var entries = new List<GpuCatalogEntry>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = CsvLine.Split(line);
            string Cell(string name) => cells[column[name]];
            var entry = new GpuCatalogEntry
            {
                Provider = Cell("Provider"),
                InstanceType = Cell("InstanceType"),
                Region = Cell("Region"),
                AvailabilityZones = Cell("AvailabilityZones"),
                AvailabilityZoneIds = Cell("AvailabilityZoneIds"),
                GpuModel = Cell("GpuModel"),
                GpuManufacturer = Cell("GpuManufacturer"),
                GpuCount = int.Parse(Cell("GpuCount"), CultureInfo.InvariantCulture),
                GpuMemoryGiB = Number(Cell("GpuMemoryGiB")) ?? 0,
                VCpus = int.Parse(Cell("VCpus"), CultureInfo.InvariantCulture),
                MemoryGiB = Number(Cell("MemoryGiB")) ?? 0,
                Architecture = Cell("Architecture"),
                ProcessorVendor = Cell("ProcessorVendor"),
                GpuInterconnect = Cell("GpuInterconnect"),
                GpuFraction = Fraction(Cell("GpuFraction")),
                PriceAsOf = Cell("PriceAsOf"),
                SpotPriceAsOf = Cell("SpotPriceAsOf"),
                Source = Cell("Source"),
            };
            if (entry.ProcessorVendor.Length == 0)
            {
                // The generator writes EC2's ProcessorInfo.Manufacturer; never guess from the name here.
                entry.ProcessorVendor = "Unknown";
            }

            if (entry.GpuInterconnect.Length == 0)
            {
                entry.GpuInterconnect = AwsGpuInterconnect.For(entry.InstanceType);
            }

            AddPrice(entry, GpuPricingModel.OnDemand, Cell("OnDemandUsd"));
            AddPrice(entry, GpuPricingModel.Spot, Cell("SpotUsd"));
            entries.Add(entry);
        }

        return entries;
    }

    private static void AddPrice(GpuCatalogEntry entry, GpuPricingModel model, string cell)
    {
        if (Number(cell) is { } price)
        {
            entry.HourlyPrices[model] = price;
        }
    }

    /// <summary>"1/6" (kept as a ratio in the file so the per-GPU price is exact), or empty.</summary>
    private static double? Fraction(string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        var parts = cell.Split('/');
        return parts.Length == 2 ? Number(parts[0]) / Number(parts[1]) : Number(cell);
    }

    private static double? Number(string cell) =>
        cell.Length == 0 ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
