using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.Essentials;

/// <summary>
/// The essentials script (an embedded resource) with the caller's choices written into it, so the
/// text an admin reviews is exactly the text that runs.
/// </summary>
internal sealed class EssentialsScript
{
    /// <summary>EC2's limit on user data, before base64.</summary>
    public const int UserDataLimitBytes = 16 * 1024;

    private const string ResourceName = "AwsWiki.Essentials.awswiki-essentials.sh";
    private const string HereDocMarker = "AWSWIKI_ESSENTIALS_EOF";

    // A package name as yum/dnf take it (name, name-version, name.arch); nothing a shell would expand.
    private static readonly Regex PackageNamePattern = new(@"^[A-Za-z0-9][A-Za-z0-9._+:-]{0,99}$", RegexOptions.CultureInvariant);
    private static readonly Lazy<string> Template = new(LoadTemplate);

    private EssentialsScript(IReadOnlyList<string> extraPackages, bool includeDocker, string text)
    {
        ExtraPackages = extraPackages;
        IncludeDocker = includeDocker;
        Text = text;
    }

    /// <summary>The packages every run installs, as the script lists them.</summary>
    public static IReadOnlyList<string> BasePackages { get; } = ReadBasePackages(Template.Value);

    public IReadOnlyList<string> ExtraPackages { get; }

    public bool IncludeDocker { get; }

    /// <summary>The complete bash script, LF line endings.</summary>
    public string Text { get; }

    /// <summary>Everything the script installs, in order: the base set, the extras, then docker.</summary>
    public IReadOnlyList<string> Packages =>
        BasePackages.Concat(ExtraPackages).Concat(IncludeDocker ? new[] { "docker" } : Array.Empty<string>()).ToList();

    /// <summary>Validates the extra package names and writes them and the docker choice into the script.</summary>
    public static EssentialsScript Create(IEnumerable<string>? extraPackages, bool includeDocker)
    {
        var extras = new List<string>();
        foreach (var raw in extraPackages ?? Enumerable.Empty<string>())
        {
            var name = raw?.Trim() ?? string.Empty;
            if (!PackageNamePattern.IsMatch(name))
            {
                throw Errors.InvalidPackageName.New(raw, raw);
            }

            if (!BasePackages.Contains(name, StringComparer.Ordinal) && !extras.Contains(name, StringComparer.Ordinal) &&
                !(name == "docker" && includeDocker))
            {
                extras.Add(name);
            }
        }

        var text = Template.Value;
        text = ReplaceSetting(text, "EXTRA_PACKAGES=()", $"EXTRA_PACKAGES=({string.Join(" ", extras)})");
        text = ReplaceSetting(text, "INSTALL_DOCKER=yes", includeDocker ? "INSTALL_DOCKER=yes" : "INSTALL_DOCKER=no");
        return new EssentialsScript(extras, includeDocker, text);
    }

    /// <summary>
    /// The script as EC2 user data: cloud-init runs a part that starts with "#!" once, as root, on
    /// first boot. Fails when it would not fit EC2's 16 KB limit.
    /// </summary>
    public string ToUserData()
    {
        var size = new UTF8Encoding(false).GetByteCount(Text);
        if (size > UserDataLimitBytes)
        {
            throw Errors.UserDataTooLarge.New(size, size, UserDataLimitBytes);
        }

        return Text;
    }

    /// <summary>
    /// The lines for AWS-RunShellScript's "commands": the agent runs them with sh, so they write the
    /// script to a temporary file and run it with bash, keeping its exit code.
    /// </summary>
    public IReadOnlyList<string> ToRunCommandLines() => WrapForShell(Text);

    /// <summary>
    /// The script with SSM parameter placeholders where the caller's choices go ({{ ExtraPackages }},
    /// {{ InstallDocker }}): the text of the module's SSM document, which SSM fills in per command or
    /// association.
    /// </summary>
    public static string DocumentTemplateText =>
        ReplaceSetting(ReplaceSetting(Template.Value, "EXTRA_PACKAGES=()", "EXTRA_PACKAGES=({{ ExtraPackages }})"),
            "INSTALL_DOCKER=yes", "INSTALL_DOCKER={{ InstallDocker }}");

    /// <summary>The values for the document's parameters that make it run this script.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDocumentParameters(int executionTimeoutSeconds) =>
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["ExtraPackages"] = new[] { string.Join(" ", ExtraPackages) },
            ["InstallDocker"] = new[] { IncludeDocker ? "yes" : "no" },
            ["executionTimeout"] = new[] { executionTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    /// <summary>Shell lines that write a bash script to a temporary file and run it, keeping its exit code.</summary>
    public static IReadOnlyList<string> WrapForShell(string scriptText)
    {
        var lines = new List<string>
        {
            "awswiki_script=\"$(mktemp /tmp/awswiki-essentials.XXXXXX)\"",
            $"cat >\"$awswiki_script\" <<'{HereDocMarker}'",
        };
        lines.AddRange(scriptText.TrimEnd('\n').Split('\n'));
        lines.Add(HereDocMarker);
        lines.Add("awswiki_status=0");
        lines.Add("bash \"$awswiki_script\" </dev/null || awswiki_status=$?");
        lines.Add("rm -f \"$awswiki_script\"");
        lines.Add("exit \"$awswiki_status\"");
        return lines;
    }

    private static string ReplaceSetting(string text, string original, string replacement)
    {
        var index = text.IndexOf("\n" + original + "\n", StringComparison.Ordinal);
        if (index < 0)
        {
            throw new InvalidOperationException($"The embedded essentials script has no '{original}' line.");
        }

        return text.Substring(0, index + 1) + replacement + text.Substring(index + 1 + original.Length);
    }

    private static IReadOnlyList<string> ReadBasePackages(string text)
    {
        var match = Regex.Match(text, @"^BASE_PACKAGES=\(([^)]*)\)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            throw new InvalidOperationException("The embedded essentials script has no BASE_PACKAGES line.");
        }

        return match.Groups[1].Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
    }

    private static string LoadTemplate()
    {
        using var stream = typeof(EssentialsScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from AwsWiki.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd().Replace("\r\n", "\n");
        if (text.Split('\n').Contains(HereDocMarker))
        {
            throw new InvalidOperationException($"The essentials script must not contain a line '{HereDocMarker}'.");
        }

        return text;
    }
}
