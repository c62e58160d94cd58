using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.Sso;

/// <summary>
/// Profile names from -NameFormat ({AccountName}.{RoleName} by default), made safe for the config
/// file and for a shell: letters of any script, digits and - . _ @ + = , stay; white space and
/// every other character become '-' (runs of them one '-'), trimmed at both ends.
/// </summary>
internal static class SsoProfileNames
{
    public const string DefaultFormat = "{AccountName}.{RoleName}";

    private static readonly Regex Placeholder = new(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>Throws SsoNameFormatInvalid for an unknown placeholder or a format that names neither account nor role.</summary>
    public static void Validate(string format)
    {
        foreach (Match match in Placeholder.Matches(format))
        {
            if (Value(match.Groups[1].Value, "a", "1", "r", "s") is null)
            {
                throw Errors.SsoNameFormatInvalid.New(format, format, $"has the unknown placeholder {{{match.Groups[1].Value}}}");
            }
        }

        if (format.IndexOf("{RoleName}", StringComparison.Ordinal) < 0 ||
            (format.IndexOf("{AccountName}", StringComparison.Ordinal) < 0 && format.IndexOf("{AccountId}", StringComparison.Ordinal) < 0))
        {
            throw Errors.SsoNameFormatInvalid.New(format, format, "must name the role ({RoleName}) and the account ({AccountName} or {AccountId}), or profiles would collide");
        }
    }

    public static string Format(string format, string accountName, string accountId, string roleName, string session)
    {
        // Each value made safe on its own first, so that "Team " + "." + "Admin" is Team.Admin, not Team-.Admin.
        var raw = Placeholder.Replace(format, m => Value(m.Groups[1].Value, accountName, accountId, roleName, session) is { } value ? Safe(value) : m.Value);
        return Safe(raw);
    }

    /// <summary>The name with every character the config file or a shell would trip on replaced.</summary>
    public static string Safe(string name)
    {
        var text = new StringBuilder(name.Length);
        var lastWasDash = false;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var keep = char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '+' or '=' or ',' ||
                       CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            var next = keep ? c : '-';
            if (next == '-' && lastWasDash)
            {
                continue;
            }

            text.Append(next);
            lastWasDash = next == '-';
        }

        var safe = text.ToString().Trim('-', '.');
        return safe.Length == 0 ? "sso-profile" : safe;
    }

    private static string? Value(string placeholder, string accountName, string accountId, string roleName, string session) => placeholder switch
    {
        "AccountName" => accountName,
        "AccountId" => accountId,
        "RoleName" => roleName,
        "SsoSession" => session,
        _ => null,
    };
}
