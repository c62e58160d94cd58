using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Profiles;

namespace AwsWiki.Sso;

/// <summary>
/// What an IAM Identity Center sign-in is for: an [sso-session NAME] section (start URL, region,
/// registration scopes), or a legacy profile's sso_start_url and sso_region. The AWS CLI keys its
/// token cache by the session name, or by the start URL for legacy profiles.
/// </summary>
internal sealed class SsoSession
{
    internal SsoSession(string? name, string startUrl, string region, IReadOnlyList<string> scopes)
    {
        Name = name;
        StartUrl = startUrl;
        Region = region;
        Scopes = scopes;
    }

    /// <summary>The sso-session name; null for a legacy profile's start URL.</summary>
    public string? Name { get; }

    public string StartUrl { get; }

    public string Region { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>What the CLI hashes for the token cache file's name.</summary>
    public string CacheKey => Name ?? StartUrl;

    /// <summary>For messages: the session name, or the start URL.</summary>
    public string DisplayName => Name ?? StartUrl;

    /// <summary>The command that signs in again, for messages.</summary>
    public string ConnectCommand(string? profileName = null) =>
        Name is not null ? $"Connect-AwsSso -SsoSession {ProfileFiles.QuoteIfNeeded(Name)}" : $"Connect-AwsSso -ProfileName {ProfileFiles.QuoteIfNeeded(profileName ?? "NAME")}";

    /// <summary>
    /// The session to sign in to: -SsoSession's section, else -ProfileName's (sso_session or legacy
    /// settings), else the active profile's when it is an SSO profile, else the only [sso-session].
    /// </summary>
    public static SsoSession Resolve(ProfileFiles files, string? sessionName, string? profileName)
    {
        if (!string.IsNullOrEmpty(sessionName))
        {
            return FromSection(files, sessionName!);
        }

        if (!string.IsNullOrEmpty(profileName))
        {
            return FromProfile(files, profileName!) ?? throw Errors.ProfileNotSso.New(profileName, profileName);
        }

        var active = ProfileStore.ActiveProfileName();
        if (files.Exists(active) && FromProfile(files, active) is { } fromActive)
        {
            return fromActive;
        }

        var names = files.SsoSessionNames.ToList();
        if (names.Count == 1)
        {
            return FromSection(files, names[0]);
        }

        throw Errors.SsoSessionRequired.New(null, names.Count == 0 ? "none" : string.Join(", ", names));
    }

    /// <summary>An [sso-session NAME] section; sync and sign-out need one by name.</summary>
    public static SsoSession FromSection(ProfileFiles files, string name)
    {
        var values = files.SsoSessionValues(name) ?? throw Errors.SsoSessionNotFound.New(name, name, files.ConfigPath);
        var startUrl = Text(values, "sso_start_url");
        var region = Text(values, "sso_region");
        var missing = new[] { ("sso_start_url", startUrl), ("sso_region", region) }.Where(p => p.Item2 is null).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            throw Errors.SsoSessionIncomplete.New(name, name, files.ConfigPath, string.Join(", ", missing));
        }

        return new SsoSession(name, startUrl!, region!, ParseScopes(Text(values, "sso_registration_scopes")));
    }

    private static SsoSession? FromProfile(ProfileFiles files, string profileName)
    {
        var values = files.MergedValues(profileName) ?? throw Errors.ProfileNotFound.New(profileName, profileName);
        if (Text(values, "sso_session") is { } session)
        {
            return FromSection(files, session);
        }

        var startUrl = Text(values, "sso_start_url");
        var region = Text(values, "sso_region");
        return startUrl is null || region is null ? null : new SsoSession(null, startUrl, region, Array.Empty<string>());
    }

    /// <summary>sso_registration_scopes as the CLI reads it: comma separated, blanks dropped.</summary>
    internal static IReadOnlyList<string> ParseScopes(string? value) =>
        value is null ? Array.Empty<string>() : value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    private static string? Text(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out var value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;
}
