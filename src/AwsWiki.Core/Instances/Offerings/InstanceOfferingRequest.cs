using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>
/// What Get-InstanceOffering was asked for. The common part (regions, types, pricing model,
/// currency, exchange rate, source) is validated by <see cref="GpuOfferingRequest"/>, the same
/// rules and ErrorIds as Get-GpuInstanceOffering; the spec filters are this class's own.
/// </summary>
internal sealed class InstanceOfferingRequest
{
    private InstanceOfferingRequest(GpuOfferingRequest common)
    {
        Common = common;
    }

    /// <summary>Regions, instance types, pricing model, currency, exchange rate, unpriced rows, live or catalog (AWS only).</summary>
    public GpuOfferingRequest Common { get; }

    public IReadOnlyList<GlobPattern> Families { get; private set; } = Array.Empty<GlobPattern>();

    public int MinVCpus { get; private set; }

    public double MinMemoryGiB { get; private set; }

    public IReadOnlyList<string> Architectures { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<string> ProcessorVendors { get; private set; } = Array.Empty<string>();

    public double? MaxHourlyPrice { get; private set; }

    public static InstanceOfferingRequest Create(IEnumerable<string>? instanceTypes, IEnumerable<string>? regions, IEnumerable<string>? families,
        int minVCpus, double minMemoryGiB, IEnumerable<string>? architectures, IEnumerable<string>? processorVendors, double? maxHourlyPrice,
        string? pricingModel, string? currency, double? exchangeRate, bool includeUnpriced, string? source, Action<string> warn)
    {
        if (minVCpus < 0)
        {
            throw Errors.InvalidInstanceFilter.New(minVCpus, "-MinVCpus", minVCpus);
        }

        if (minMemoryGiB < 0 || double.IsNaN(minMemoryGiB))
        {
            throw Errors.InvalidInstanceFilter.New(minMemoryGiB, "-MinMemoryGiB", minMemoryGiB);
        }

        if (maxHourlyPrice is { } max && (max < 0 || double.IsNaN(max)))
        {
            throw Errors.InvalidInstanceFilter.New(max, "-MaxHourlyPrice", max);
        }

        var common = GpuOfferingRequest.Create(null, new[] { GpuOfferingRequest.Aws }, regions, instanceTypes, 0, 0, null, pricingModel,
            currency, exchangeRate, includeUnpriced, source, warn);
        return new InstanceOfferingRequest(common)
        {
            Families = GlobPattern.From(families),
            MinVCpus = minVCpus,
            MinMemoryGiB = minMemoryGiB,
            Architectures = Clean(architectures),
            ProcessorVendors = Clean(processorVendors),
            MaxHourlyPrice = maxHourlyPrice,
        };
    }

    /// <summary>Everything but the price filter; regions only when <paramref name="checkRegion"/> (a live region is the one asked).</summary>
    public bool MatchesSpec(InstanceCatalogEntry entry, bool checkRegion = true) =>
        (!checkRegion || GlobPattern.AnyMatch(Common.Regions, entry.Region)) && MatchesSpec(entry.Spec);

    public bool MatchesSpec(InstanceTypeSpec spec) =>
        GlobPattern.AnyMatch(Common.InstanceTypes, spec.InstanceType)
        && GlobPattern.AnyMatch(Families, spec.Family)
        && spec.VCpus >= MinVCpus
        && spec.MemoryGiB >= MinMemoryGiB
        && (Architectures.Count == 0 || spec.Architecture.Split(',').Any(a => Architectures.Contains(a, StringComparer.OrdinalIgnoreCase)))
        && (ProcessorVendors.Count == 0 || ProcessorVendors.Contains(spec.ProcessorVendor, StringComparer.OrdinalIgnoreCase));

    private static IReadOnlyList<string> Clean(IEnumerable<string>? values) =>
        (values ?? Array.Empty<string>()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();
}
