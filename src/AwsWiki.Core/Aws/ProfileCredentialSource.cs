using System.Collections.Generic;
using Amazon.Runtime.CredentialManagement;
using AwsWiki.Profiles;

namespace AwsWiki.Aws;

/// <summary>
/// Hands profiles to the SDK's credential providers (static keys, assume-role, SSO, processes) from
/// the files the AWS CLI uses now. The SDK's own SharedCredentialsFile fixes its paths once per
/// process and does not follow AWS_CONFIG_FILE, so we read the files and let the SDK do the rest.
/// </summary>
internal sealed class ProfileCredentialSource : ICredentialProfileSource
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">The profile's settings, from the files read once for this resolution.</param>
    public ProfileCredentialSource(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public bool TryGetProfile(string profileName, out CredentialProfile profile)
    {
        var settings = _settings;

        string? Get(string key) => settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        var options = new CredentialProfileOptions
        {
            AccessKey = Get("aws_access_key_id"),
            SecretKey = Get("aws_secret_access_key"),
            Token = Get("aws_session_token"),
            RoleArn = Get("role_arn"),
            SourceProfile = Get("source_profile"),
            CredentialSource = Get("credential_source"),
            MfaSerial = Get("mfa_serial"),
            ExternalID = Get("external_id"),
            RoleSessionName = Get("role_session_name"),
            WebIdentityTokenFile = Get("web_identity_token_file"),
            CredentialProcess = Get("credential_process"),
            SsoSession = Get("sso_session"),
            SsoStartUrl = Get("sso_start_url"),
            SsoRegion = Get("sso_region"),
            SsoAccountId = Get("sso_account_id"),
            SsoRoleName = Get("sso_role_name"),
            SsoRegistrationScopes = Get("sso_registration_scopes"),
        };
        profile = new CredentialProfile(profileName, options);
        var region = Get("region");
        if (region is not null)
        {
            profile.Region = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        return true;
    }
}
