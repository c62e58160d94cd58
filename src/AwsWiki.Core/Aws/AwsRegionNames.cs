using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace AwsWiki.Aws;

/// <summary>The AWS SDK's region list as plain strings, for completion in the cmdlet assembly (which names no SDK type).</summary>
internal static class AwsRegionNames
{
    /// <summary>System name (us-east-1) to display name (US East (N. Virginia)).</summary>
    public static IReadOnlyDictionary<string, string> All { get; } =
        RegionEndpoint.EnumerableAllRegions.GroupBy(r => r.SystemName).ToDictionary(g => g.Key, g => g.First().DisplayName);
}
