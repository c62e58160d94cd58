using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>
/// Which regions a live query (Get-GpuInstanceOffering -Source Live, Find-GpuCapacity) asks:
/// the -Region names and patterns that belong to one provider's region list. A wildcard does not
/// reach the GovCloud and China partitions, which need their own accounts; a literal name does.
/// </summary>
internal static class LiveOfferingRegions
{
    /// <summary>The AWS regions of a live query; null when no -Region was given (the caller's default region).</summary>
    public static IReadOnlyList<string>? Aws(GpuOfferingRequest request) =>
        request.Regions.Count == 0 ? null : Expand(request.Regions, KnownRegions.Aws);

    /// <summary>The Azure regions of a live query; null when no -Region was given (every region, in one request series).</summary>
    public static IReadOnlyList<string>? Azure(GpuOfferingRequest request) =>
        request.Regions.Count == 0 ? null : Expand(request.Regions, KnownRegions.Azure);

    /// <summary>The regions of <paramref name="known"/> that a pattern matches, in the list's order.</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyCollection<GlobPattern> patterns, IReadOnlyList<string> known) =>
        known.Where(r => patterns.Any(p => p.IsMatch(r) && (!p.HasWildcard || !IsSeparatePartition(r)))).ToList();

    /// <summary>GovCloud and China: partitions with their own accounts and credentials.</summary>
    public static bool IsSeparatePartition(string region) =>
        region.StartsWith("us-gov-", StringComparison.Ordinal) || region.StartsWith("cn-", StringComparison.Ordinal);
}
