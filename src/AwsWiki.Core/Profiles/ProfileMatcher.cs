using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Profiles;

/// <summary>Profile names and wildcards (-ProfileName prod-*) against the profiles in the files, for every cmdlet that takes several.</summary>
internal static class ProfileMatcher
{
    /// <summary>The profiles the patterns name, each once, in the order asked; a pattern that matches nothing is ProfileNotFound.</summary>
    public static IReadOnlyList<string?> Match(IReadOnlyList<string> known, IEnumerable<string> patterns)
    {
        var names = new List<string?>();
        foreach (var pattern in GlobPattern.From(patterns.ToArray(), "-ProfileName"))
        {
            var matches = pattern.HasWildcard ? known.Where(pattern.IsMatch).ToList() : new List<string> { pattern.Pattern };
            if (matches.Count == 0)
            {
                throw Errors.ProfileNotFound.New(pattern.Pattern, pattern.Pattern);
            }

            names.AddRange(matches.Where(m => !names.Contains(m, StringComparer.Ordinal)));
        }

        return names;
    }
}
