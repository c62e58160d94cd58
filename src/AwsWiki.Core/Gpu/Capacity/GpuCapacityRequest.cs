using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu.Capacity;

/// <summary>Validated Find-GpuCapacity input: nothing is sent to AWS until this accepts it.</summary>
public static class GpuCapacityRequest
{
    /// <summary>The instance type names as EC2 spells them, or an InvalidInstanceType error.</summary>
    public static IReadOnlyList<string> InstanceTypes(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim().ToLowerInvariant();
            if (InstanceTypeNameParser.TryParse(name) is null)
            {
                throw new AwsWikiException("InvalidInstanceType", FailureKind.InvalidArgument, raw,
                    $"'{raw}' is not an EC2 instance type name (family.size, e.g. p4d.24xlarge).");
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
            throw new AwsWikiException("InvalidCapacityBlockDuration", FailureKind.InvalidArgument, h,
                $"A Capacity Block lasts whole days from 24 to 336 hours, or whole weeks up to 4368 hours; {h} is neither.");
        }
    }

    /// <summary>
    /// The AWS regions the -Region names and patterns select. A wildcard does not reach the GovCloud
    /// and China partitions, which need their own accounts; a literal name does.
    /// </summary>
    public static IReadOnlyList<string> Regions(IEnumerable<string> patterns)
    {
        var result = new List<string>();
        foreach (var pattern in GlobPattern.From(patterns))
        {
            if (!pattern.HasWildcard && !KnownRegions.IsAws(pattern.Pattern))
            {
                var close = KnownRegions.CloseMatches(pattern.Pattern).Where(KnownRegions.IsAws).ToList();
                throw new AwsWikiException("UnknownRegion", FailureKind.InvalidArgument, pattern.Pattern,
                    $"Unknown AWS region '{pattern.Pattern}'." + (close.Count > 0 ? $" Did you mean {string.Join(", ", close)}?" : string.Empty));
            }

            var matched = KnownRegions.Aws.Where(r => pattern.IsMatch(r) &&
                (!pattern.HasWildcard || !(r.StartsWith("us-gov-", StringComparison.Ordinal) || r.StartsWith("cn-", StringComparison.Ordinal)))).ToList();
            if (matched.Count == 0)
            {
                throw new AwsWikiException("NoRegionMatched", FailureKind.InvalidArgument, pattern.Pattern,
                    $"No AWS region matches '{pattern.Pattern}'.");
            }

            result.AddRange(matched.Where(m => !result.Contains(m)));
        }

        return result;
    }
}
