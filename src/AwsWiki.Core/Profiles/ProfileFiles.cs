using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Profiles;

/// <summary>
/// Both files as botocore sees them at one moment: which section holds each profile (build_profile_map:
/// [default], [profile NAME] with NAME split as a shell word, the last such section winning), the
/// [sso-session NAME] sections, and the credentials file's sections merged over the config's
/// (Session.full_config). Built once per command, in time linear in the files' size.
/// </summary>
public sealed class ProfileFiles
{
    private readonly Dictionary<string, IniSection> _configProfiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IniSection> _ssoSessions = new(StringComparer.Ordinal);

    public ProfileFiles(string credentialsPath, IniDocument credentials, string configPath, IniDocument config)
    {
        CredentialsPath = credentialsPath;
        ConfigPath = configPath;
        Credentials = credentials;
        Config = config;
        foreach (var section in config.Sections)
        {
            if (section.Name.StartsWith("profile", StringComparison.Ordinal))
            {
                if (SectionWord(section.Name) is { } name)
                {
                    _configProfiles[name] = section;
                }
            }
            else if (section.Name.StartsWith("sso-session", StringComparison.Ordinal))
            {
                if (SectionWord(section.Name) is { } name)
                {
                    _ssoSessions[name] = section;
                }
            }
            else if (section.Name == "default")
            {
                _configProfiles["default"] = section;
            }
        }

        Names = _configProfiles.Keys.Concat(credentials.Sections.Select(s => s.Name))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    public string CredentialsPath { get; }

    public string ConfigPath { get; }

    public IniDocument Credentials { get; }

    public IniDocument Config { get; }

    /// <summary>Every profile name in either file, sorted case-insensitively.</summary>
    public IReadOnlyList<string> Names { get; }

    public bool Exists(string name) => _configProfiles.ContainsKey(name) || Credentials.FindSection(name) is not null;

    /// <summary>The config-file section botocore reads for the profile (the last one that names it), or null.</summary>
    public IniSection? ConfigSection(string name) => _configProfiles.TryGetValue(name, out var section) ? section : null;

    /// <summary>Every config-file section that names the profile, quoted or not.</summary>
    public IEnumerable<IniSection> AllConfigSections(string name)
    {
        return Config.Sections.Where(s => ProfileNameOf(s.Name) == name);
    }

    /// <summary>The names of the [sso-session NAME] sections.</summary>
    public IReadOnlyCollection<string> SsoSessionNames => _ssoSessions.Keys;

    public IniSection? SsoSessionSection(string name) => _ssoSessions.TryGetValue(name, out var section) ? section : null;

    public IEnumerable<IniSection> AllSsoSessionSections(string name)
    {
        return Config.Sections.Where(s => s.Name.StartsWith("sso-session", StringComparison.Ordinal) && SectionWord(s.Name) == name);
    }

    /// <summary>The config file's settings of a profile (no credentials-file keys), or null.</summary>
    public Dictionary<string, object>? ConfigValues(string name) => ConfigSection(name) is { } section ? Config.GetValues(section) : null;

    /// <summary>The credentials file's settings of a profile, or null.</summary>
    public Dictionary<string, object>? CredentialsValues(string name) => Credentials.FindSection(name) is { } section ? Credentials.GetValues(section) : null;

    /// <summary>What botocore's full_config has for the profile: config settings, credentials-file keys over them.</summary>
    public Dictionary<string, object>? MergedValues(string name)
    {
        var config = ConfigValues(name);
        var credentials = CredentialsValues(name);
        if (config is null && credentials is null)
        {
            return null;
        }

        var merged = config ?? new Dictionary<string, object>(StringComparer.Ordinal);
        if (credentials is not null)
        {
            foreach (var pair in credentials)
            {
                merged[pair.Key] = pair.Value;
            }
        }

        return merged;
    }

    public Dictionary<string, object>? SsoSessionValues(string name) => SsoSessionSection(name) is { } section ? Config.GetValues(section) : null;

    /// <summary>The profile a config section header names, or null ([profile NAME] split as shell words, or [default]).</summary>
    public static string? ProfileNameOf(string sectionName)
    {
        if (sectionName.StartsWith("profile", StringComparison.Ordinal))
        {
            return SectionWord(sectionName);
        }

        return sectionName == "default" ? "default" : null;
    }

    /// <summary>The header text for a profile's config section, quoted where a plain name would not read back.</summary>
    public static string ConfigHeaderFor(string name) => name == "default" ? "default" : "profile " + QuoteIfNeeded(name);

    public static string SsoSessionHeaderFor(string name) => "sso-session " + QuoteIfNeeded(name);

    /// <summary>
    /// The AWS CLI quotes only names with white space; a name with a quote or a backslash would not
    /// read back either, so those are quoted too.
    /// </summary>
    public static string QuoteIfNeeded(string name)
    {
        var words = ShellWords.Split("profile " + name);
        return words is { Count: 2 } && words[1] == name ? name : ShellWords.Quote(name);
    }

    private static string? SectionWord(string sectionName)
    {
        var words = ShellWords.Split(sectionName);
        return words is { Count: 2 } ? words[1] : null;
    }
}
