using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AwsWiki.Commands.Completers;

internal static class CompletionText
{
    /// <summary>Candidates that start with what was typed (quotes stripped), sorted.</summary>
    public static IEnumerable<string> Matching(IEnumerable<string> candidates, string? wordToComplete)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
        return candidates.Where(pattern.IsMatch).OrderBy(c => c, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Quotes a value that the parser would otherwise split or misread.</summary>
    public static string Quote(string value)
    {
        return value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' or '/')
            ? value
            : "'" + value.Replace("'", "''") + "'";
    }
}
