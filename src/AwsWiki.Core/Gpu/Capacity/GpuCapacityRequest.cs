using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu.Capacity;

/// <summary>Validated Find-GpuCapacity input: nothing is sent to AWS until this accepts it.</summary>
internal static class GpuCapacityRequest
{
    /// <summary>The instance type names as EC2 spells them, or an InvalidInstanceType error.</summary>
    public static IReadOnlyList<string> InstanceTypes(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = (raw ?? string.Empty).Trim().ToLowerInvariant();
            if (InstanceTypeNameParser.TryParse(name) is null)
            {
                throw UnknownInstanceType(raw ?? string.Empty);
            }

            if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    /// <summary>Capacity Blocks last 1 to 14 days in whole days, or up to 182 days in whole weeks.</summary>
    public static void ValidateBlockHours(int? hours)
    {
        if (hours is { } h && (h < 24 || h % 24 != 0 || (h > 14 * 24 && h % (7 * 24) != 0) || h > 182 * 24))
        {
            throw Errors.InvalidCapacityBlockDuration.New(h, h);
        }
    }

    /// <summary>
    /// The AWS regions the -Region names and patterns select. A wildcard does not reach the GovCloud
    /// and China partitions, which need their own accounts; a literal name does.
    /// </summary>
    public static IReadOnlyList<string> Regions(IEnumerable<string> patterns)
    {
        var result = new List<string>();
        var given = (patterns ?? Array.Empty<string>()).ToList();
        if (given.Any(string.IsNullOrWhiteSpace))
        {
            // -Region '' would select nothing and the call would list nothing: refuse instead of staying silent.
            throw Errors.EmptyRegion.New(string.Empty);
        }

        foreach (var pattern in GlobPattern.From(given, "-Region"))
        {
            if (!pattern.HasWildcard && !KnownRegions.IsAws(pattern.Pattern))
            {
                var close = KnownRegions.CloseMatches(pattern.Pattern).Where(KnownRegions.IsAws).ToList();
                throw Errors.UnknownRegion.New(pattern.Pattern, pattern.Pattern, "AWS", Suggestion(close));
            }

            var matched = LiveOfferingRegions.Expand(new[] { pattern }, KnownRegions.Aws);
            if (matched.Count == 0)
            {
                throw Errors.NoRegionMatched.New(pattern.Pattern, pattern.Pattern);
            }

            result.AddRange(matched.Where(m => !result.Contains(m)));
        }

        return result;
    }

    /// <summary>The name is not one EC2 has: why, and the catalog's closest names.</summary>
    public static AwsWikiException UnknownInstanceType(string raw)
    {
        var known = GpuCatalog.Entries.Where(e => e.Provider == "AWS").Select(e => e.InstanceType);
        var close = CloseNames.Find(raw.Trim(), known, max: 3);
        var problem = InstanceTypeNameParser.Problem(raw);
        return Errors.InvalidInstanceType.New(raw, raw, problem.Length > 0 ? problem : "it is not a type EC2 names.", Suggestion(close));
    }

    /// <summary>" Did you mean a, b?" or nothing.</summary>
    public static string Suggestion(IReadOnlyCollection<string> close) =>
        close.Count > 0 ? $" Did you mean {string.Join(", ", close)}?" : string.Empty;
}
