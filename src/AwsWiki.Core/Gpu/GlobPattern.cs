using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu;

/// <summary>PowerShell-style wildcards (*, ?, [abc]) matched case-insensitively, without PowerShell.</summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern)
    {
        Pattern = pattern;
        var builder = new StringBuilder("^");
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                '[' => "[",
                ']' => "]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        _regex = new Regex(builder.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool HasWildcard => Pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

    public bool IsMatch(string value) => _regex.IsMatch(value);

    /// <summary>True when no patterns were given, or any matches.</summary>
    public static bool AnyMatch(IReadOnlyCollection<GlobPattern> patterns, string value) =>
        patterns.Count == 0 || patterns.Any(p => p.IsMatch(value));

    public static IReadOnlyList<GlobPattern> From(IEnumerable<string>? patterns) =>
        (patterns ?? Array.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new GlobPattern(p.Trim())).ToList();
}
