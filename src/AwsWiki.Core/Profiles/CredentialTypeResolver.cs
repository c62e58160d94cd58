using System;
using System.Collections.Generic;

namespace AwsWiki.Profiles;

/// <summary>
/// Which credential provider botocore's chain (credentials.create_credential_resolver) would take
/// for a profile, after the environment: assume role, web identity, SSO, the credentials file's
/// keys, a login session, credential_process, the config file's keys. A setting counts when it
/// is present, even empty, as in botocore; a provider that is selected but misses a setting makes
/// the CLI fail, reported as Incomplete.
/// </summary>
internal static class CredentialTypeResolver
{
    private static readonly string[] CredentialSources = { "Environment", "Ec2InstanceMetadata", "EcsContainer" };

    public static CredentialType Resolve(string name, ProfileFiles files)
    {
        var profile = files.MergedValues(name);
        if (profile is null)
        {
            return CredentialType.None;
        }

        bool Has(string key) => profile.ContainsKey(key);

        if (Has("role_arn") && !Has("web_identity_token_file"))
        {
            return AssumeRoleIsComplete(name, profile, files) ? CredentialType.AssumeRole : CredentialType.Incomplete;
        }

        // An empty token file setting is skipped (botocore tests it for truth), and the chain goes on.
        if (IsTruthy(profile, "web_identity_token_file"))
        {
            return IsTruthy(profile, "role_arn") ? CredentialType.WebIdentity : CredentialType.Incomplete;
        }

        if (Has("sso_role_name") || Has("sso_account_id"))
        {
            return SsoIsComplete(profile, files) ? CredentialType.Sso : CredentialType.Incomplete;
        }

        if (files.CredentialsValues(name) is { } keys && keys.ContainsKey("aws_access_key_id"))
        {
            return StaticKeys(keys);
        }

        if (Has("login_session"))
        {
            return CredentialType.Login;
        }

        if (Has("credential_process"))
        {
            return CredentialType.Process;
        }

        if (files.ConfigValues(name) is { } config && config.ContainsKey("aws_access_key_id"))
        {
            return StaticKeys(config);
        }

        return CredentialType.None;
    }

    private static bool IsTruthy(Dictionary<string, object> values, string key)
    {
        return values.TryGetValue(key, out var value) && value switch
        {
            string text => text.Length > 0,
            Dictionary<string, string> nested => nested.Count > 0,
            _ => false,
        };
    }

    private static CredentialType StaticKeys(Dictionary<string, object> keys)
    {
        if (!keys.ContainsKey("aws_secret_access_key"))
        {
            return CredentialType.Incomplete;
        }

        // botocore takes aws_security_token (the boto 2 name) as well as aws_session_token.
        return keys.ContainsKey("aws_security_token") || keys.ContainsKey("aws_session_token") ? CredentialType.Session : CredentialType.Static;
    }

    /// <summary>AssumeRoleProvider._get_role_config: exactly one source, a known credential_source, an existing source_profile.</summary>
    private static bool AssumeRoleIsComplete(string name, Dictionary<string, object> profile, ProfileFiles files)
    {
        var hasSource = profile.TryGetValue("source_profile", out var source);
        var hasCredentialSource = profile.TryGetValue("credential_source", out var credentialSource);
        if (hasSource == hasCredentialSource)
        {
            return false;
        }

        if (hasCredentialSource)
        {
            return credentialSource is string text && Array.IndexOf(CredentialSources, text) >= 0;
        }

        if (source is not string sourceName || !files.Exists(sourceName))
        {
            return false;
        }

        // A profile may name itself as its source only when it has keys of its own.
        if (sourceName == name)
        {
            return profile.ContainsKey("aws_access_key_id") || profile.ContainsKey("aws_secret_access_key");
        }

        return true;
    }

    /// <summary>SSOProvider._load_sso_config: start URL, region, account and role, an sso-session that exists and agrees.</summary>
    private static bool SsoIsComplete(Dictionary<string, object> profile, ProfileFiles files)
    {
        var resolved = new Dictionary<string, object>(profile, StringComparer.Ordinal);
        if (profile.TryGetValue("sso_session", out var sessionName))
        {
            if (sessionName is not string session || files.SsoSessionValues(session) is not { } sessionValues)
            {
                return false;
            }

            foreach (var pair in sessionValues)
            {
                if (resolved.TryGetValue(pair.Key, out var existing) && !Equal(existing, pair.Value))
                {
                    return false;
                }

                resolved[pair.Key] = pair.Value;
            }
        }

        foreach (var key in new[] { "sso_role_name", "sso_account_id", "sso_start_url", "sso_region" })
        {
            if (!resolved.ContainsKey(key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Equal(object a, object b)
    {
        if (a is string sa && b is string sb)
        {
            return sa == sb;
        }

        if (a is Dictionary<string, string> da && b is Dictionary<string, string> db)
        {
            if (da.Count != db.Count)
            {
                return false;
            }

            foreach (var pair in da)
            {
                if (!db.TryGetValue(pair.Key, out var other) || other != pair.Value)
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }
}
