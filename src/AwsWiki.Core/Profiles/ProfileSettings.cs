using System.Collections.Generic;

namespace AwsWiki.Profiles;

/// <summary>The settings Set-AwsProfile may write. Null means "not given: leave as it is".</summary>
public sealed class ProfileSettings
{
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string? SessionToken { get; set; }

    public string? Region { get; set; }

    public string? Output { get; set; }

    public string? RoleArn { get; set; }

    public string? SourceProfile { get; set; }

    public string? MfaSerial { get; set; }

    public string? ExternalId { get; set; }

    public string? RoleSessionName { get; set; }

    public int? DurationSeconds { get; set; }

    public string? SsoSession { get; set; }

    public string? SsoStartUrl { get; set; }

    public string? SsoRegion { get; set; }

    /// <summary>sso_registration_scopes, comma separated (sso:account:access); goes with the start URL.</summary>
    public string? SsoRegistrationScopes { get; set; }

    public string? SsoAccountId { get; set; }

    public string? SsoRoleName { get; set; }

    public string? CredentialProcess { get; set; }

    public bool IsEmpty => Assignments().GetEnumerator().MoveNext() == false;

    /// <summary>
    /// Where each given setting goes, following the AWS CLI: keys in the credentials file, the rest
    /// in the config file, and an SSO session's URL and region in its own [sso-session] section.
    /// </summary>
    public IEnumerable<SettingAssignment> Assignments()
    {
        foreach (var (key, value) in new[]
                 {
                     ("aws_access_key_id", AccessKeyId),
                     ("aws_secret_access_key", SecretAccessKey),
                     ("aws_session_token", SessionToken),
                 })
        {
            if (value is not null)
            {
                yield return new SettingAssignment(SettingLocation.Credentials, key, value, IsSecret: key != "aws_access_key_id");
            }
        }

        var ssoUrlLocation = SsoSession is null ? SettingLocation.Profile : SettingLocation.SsoSession;
        foreach (var (location, key, value) in new[]
                 {
                     (SettingLocation.Profile, "region", Region),
                     (SettingLocation.Profile, "output", Output),
                     (SettingLocation.Profile, "role_arn", RoleArn),
                     (SettingLocation.Profile, "source_profile", SourceProfile),
                     (SettingLocation.Profile, "mfa_serial", MfaSerial),
                     (SettingLocation.Profile, "external_id", ExternalId),
                     (SettingLocation.Profile, "role_session_name", RoleSessionName),
                     (SettingLocation.Profile, "duration_seconds", DurationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                     (SettingLocation.Profile, "sso_session", SsoSession),
                     (ssoUrlLocation, "sso_start_url", SsoStartUrl),
                     (ssoUrlLocation, "sso_region", SsoRegion),
                     (ssoUrlLocation, "sso_registration_scopes", SsoRegistrationScopes),
                     (SettingLocation.Profile, "sso_account_id", SsoAccountId),
                     (SettingLocation.Profile, "sso_role_name", SsoRoleName),
                     (SettingLocation.Profile, "credential_process", CredentialProcess),
                 })
        {
            if (value is not null)
            {
                yield return new SettingAssignment(location, key, value, IsSecret: false);
            }
        }
    }
}

public enum SettingLocation
{
    /// <summary>The credentials file, section [name].</summary>
    Credentials,

    /// <summary>The config file, section [profile name] or [default].</summary>
    Profile,

    /// <summary>The config file, section [sso-session name].</summary>
    SsoSession,
}

public readonly record struct SettingAssignment(SettingLocation Location, string Key, string Value, bool IsSecret);
