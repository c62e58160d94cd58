using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>Names close to a mistyped one (edit distance, or one containing the other), closest first.</summary>
internal static class CloseNames
{
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> candidates, int max = 5)
    {
        var lower = typed.Trim('*', '?').ToLowerInvariant();
        if (lower.Length == 0)
        {
            return Array.Empty<string>();
        }

        return candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (name, distance: Distance(lower, name.ToLowerInvariant())))
            .Where(c => c.distance <= Math.Max(2, lower.Length / 3) || c.name.IndexOf(lower, StringComparison.OrdinalIgnoreCase) >= 0
                || (c.name.Length >= 2 && lower.Contains(c.name.ToLowerInvariant())))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Take(max).Select(c => c.name).ToList();
    }

    /// <summary>Levenshtein edit distance (insert, delete, substitute: one each).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
