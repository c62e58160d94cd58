using System;
using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>
/// The script's last line: "AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023 result=ok installed=git,jq
/// already_present=wget failed=" (comma-separated lists, empty when none).
/// </summary>
internal sealed class EssentialsSummary
{
    public const string Marker = "AWSWIKI_ESSENTIALS_SUMMARY";

    public string Platform { get; private set; } = string.Empty;

    public string Result { get; private set; } = string.Empty;

    public string Installed { get; private set; } = string.Empty;

    public string AlreadyPresent { get; private set; } = string.Empty;

    public string Failed { get; private set; } = string.Empty;

    /// <summary>The last summary line in the output, or null when there is none (the script never ran, or output was cut).</summary>
    public static EssentialsSummary? Find(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        var lines = output!.Replace("\r\n", "\n").Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            var at = line.IndexOf(Marker + " ", StringComparison.Ordinal);
            if (at >= 0)
            {
                return Parse(line.Substring(at + Marker.Length + 1));
            }
        }

        return null;
    }

    private static EssentialsSummary Parse(string fields)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=');
            if (equals > 0)
            {
                values[field.Substring(0, equals)] = field.Substring(equals + 1);
            }
        }

        string Get(string key) => values.TryGetValue(key, out var value) ? value : string.Empty;
        return new EssentialsSummary
        {
            Platform = Get("platform"),
            Result = Get("result"),
            Installed = Get("installed"),
            AlreadyPresent = Get("already_present"),
            Failed = Get("failed"),
        };
    }
}
