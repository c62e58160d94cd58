using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu;

/// <summary>
/// PowerShell-style wildcards (*, ?, [abc], [a-z], ` escapes) matched case-insensitively, without
/// PowerShell: the module's one wildcard type. A pattern is checked when it is made, so a bad one
/// ('[' with no ']') is an InvalidWildcardPattern error naming the parameter, never a regex error.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern, string parameter = "Pattern")
    {
        Pattern = pattern ?? string.Empty;
        _regex = new Regex(Translate(Pattern, parameter, out var hasWildcard), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        HasWildcard = hasWildcard;
    }

    public string Pattern { get; }

    /// <summary>True when the pattern has an unescaped *, ? or [.</summary>
    public bool HasWildcard { get; }

    /// <summary>The pattern with its ` escapes removed: the name it matches when it has no wildcard.</summary>
    public string Literal => Pattern.IndexOf('`') < 0 ? Pattern : Regex.Replace(Pattern, "`(.)", "$1");

    public bool IsMatch(string value) => _regex.IsMatch(value ?? string.Empty);

    /// <summary>True when no patterns were given, or any matches.</summary>
    public static bool AnyMatch(IReadOnlyCollection<GlobPattern> patterns, string value) =>
        patterns.Count == 0 || patterns.Any(p => p.IsMatch(value));

    /// <summary>The patterns, blank ones left out; <paramref name="parameter"/> names them in errors (-InstanceType).</summary>
    public static IReadOnlyList<GlobPattern> From(IEnumerable<string>? patterns, string parameter = "Pattern") =>
        (patterns ?? Array.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new GlobPattern(p.Trim(), parameter)).ToList();

    /// <summary>Throws InvalidWildcardPattern for each bad pattern; blank ones are left to the caller.</summary>
    public static void Validate(IEnumerable<string?>? patterns, string parameter)
    {
        foreach (var pattern in patterns ?? Array.Empty<string?>())
        {
            if (!string.IsNullOrEmpty(pattern))
            {
                Translate(pattern!, parameter, out _);
            }
        }
    }

    private static string Translate(string pattern, string parameter, out bool hasWildcard)
    {
        hasWildcard = false;
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '`' when i + 1 < pattern.Length:
                    builder.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '*':
                    hasWildcard = true;
                    builder.Append(".*");
                    break;
                case '?':
                    hasWildcard = true;
                    builder.Append('.');
                    break;
                case '[':
                    hasWildcard = true;
                    i = TranslateSet(pattern, i, builder, parameter);
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.Append('$').ToString();
    }

    /// <summary>Appends the set that opens at <paramref name="open"/>; returns the index of its ']'.</summary>
    private static int TranslateSet(string pattern, int open, StringBuilder builder, string parameter)
    {
        var set = new StringBuilder("[");
        var members = 0;
        var i = open + 1;
        for (; i < pattern.Length && pattern[i] != ']'; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                c = pattern[++i];
            }

            if (c == '-' && members > 0 && i + 1 < pattern.Length && pattern[i + 1] != ']')
            {
                var from = pattern[i - 1];
                var to = pattern[i + 1];
                if (to < from)
                {
                    throw Errors.InvalidWildcardPattern.New(pattern, parameter, pattern, $"the range '{from}-{to}' runs backwards");
                }

                set.Append('-');
                continue;
            }

            set.Append(c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString());
            members++;
        }

        if (i >= pattern.Length)
        {
            throw Errors.InvalidWildcardPattern.New(pattern, parameter, pattern,
                $"the '[' at position {open + 1} has no closing ']' (write `[ for a literal '[')");
        }

        if (members == 0)
        {
            throw Errors.InvalidWildcardPattern.New(pattern, parameter, pattern, $"the set '[]' at position {open + 1} is empty");
        }

        builder.Append(set.Append(']'));
        return i;
    }
}
