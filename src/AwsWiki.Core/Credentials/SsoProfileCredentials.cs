using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace AwsWiki.Credentials;

/// <summary>
/// SSO profiles, both forms (sso_session naming an [sso-session] section, and the legacy
/// sso_start_url/sso_region in the profile), through the SDK's SSOAWSCredentials and the AWS CLI's
/// token cache (~/.aws/sso/cache). Resolving never starts a sign-in: that is Connect-AwsSso (or 'aws sso login').
/// </summary>
internal static class SsoProfileCredentials
{
    public static bool IsSso(IReadOnlyDictionary<string, string> settings) =>
        Has(settings, "sso_account_id") || Has(settings, "sso_role_name") || Has(settings, "sso_session") || Has(settings, "sso_start_url");

    public static AWSCredentials Create(string profileName, IReadOnlyDictionary<string, string> settings)
    {
        string? Get(string key) => settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        var missing = new List<string>();
        string Need(string key)
        {
            var value = Get(key);
            if (value is null)
            {
                missing.Add(key);
            }

            return value ?? string.Empty;
        }

        var startUrl = Need("sso_start_url");
        var region = Need("sso_region");
        var account = Need("sso_account_id");
        var role = Need("sso_role_name");
        if (missing.Count > 0)
        {
            throw Errors.SsoProfileIncomplete.New(profileName, profileName, string.Join(", ", missing));
        }

        var options = new SSOAWSCredentialsOptions
        {
            ClientName = "AwsWiki",
            SessionName = Get("sso_session"),
            // Never a browser or device-code flow from a cmdlet: an expired token is the user's to renew.
            SupportsGettingNewToken = false,
        };
        return new SSOAWSCredentials(account, region, role, startUrl, options);
    }

    /// <summary>Names both ways to sign in again: Connect-AwsSso (this module) and the AWS CLI's 'aws sso login'.</summary>
    public static AwsWikiException LoginRequired(string profileName, Exception cause, string? sessionName = null)
    {
        var connect = sessionName is null
            ? $"Connect-AwsSso -ProfileName {Profiles.ProfileFiles.QuoteIfNeeded(profileName)}"
            : $"Connect-AwsSso -SsoSession {Profiles.ProfileFiles.QuoteIfNeeded(sessionName)}";
        return Errors.SsoLoginRequired.Wrap(cause, profileName, profileName, cause.Message.TrimEnd('.'), connect);
    }

    /// <summary>No token, an expired one, or one the portal refuses: all fixed by signing in again.</summary>
    public static bool IsSignInFailure(Exception e) => e switch
    {
        AmazonServiceException service => service.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden,
        AmazonClientException or ArgumentException => true,
        _ => false,
    };

    private static bool Has(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Length > 0;
}
