using System;
using System.Globalization;
using System.Reflection;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using AwsWiki.Credentials;
using AwsWiki.Profiles;

namespace AwsWiki.Aws;

/// <summary>
/// The one place credentials, region and endpoints are resolved. Order: explicit parameters,
/// then AWS_PROFILE / AWS_REGION / AWS_DEFAULT_REGION, then AWS Tools' session defaults, then the
/// SDK's own chain (default profile, environment keys, container and instance roles). Credential
/// providers are always the SDK's; nothing here re-implements assume-role, SSO or processes.
/// </summary>
public static class AwsContextResolver
{
    public static AwsContext Resolve(AwsConnectionOptions options, bool requireRegion = true, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Resolve(options, ResolveCredentials(options, environment), requireRegion, environment);
    }

    /// <summary>Region and endpoints for credentials resolved earlier in the same call.</summary>
    public static AwsContext Resolve(AwsConnectionOptions options, ResolvedCredentials credentials, bool requireRegion = true, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = ResolveRegion(options, credentials.ProfileName, environment, requireRegion);
        var context = new AwsContext(credentials.Credentials, region, credentials.ProfileName, credentials.Source, options.EndpointUrl, environment);
        if (options.TimeoutSec is > 0)
        {
            context.Timeout = TimeSpan.FromSeconds(options.TimeoutSec.Value);
        }

        _ = context.Retry; // a bad AWS_MAX_ATTEMPTS or retry_mode fails here, before anything is sent

        return context;
    }

    /// <summary>
    /// Resolves the credentials and fetches their current keys now, on the caller's thread: an
    /// assume-role profile assumes its role here (asking for an MFA code through
    /// <see cref="AwsConnectionOptions.MfaCode"/>), an SSO profile reads its token here, and any
    /// failure surfaces before a request is sent. Share the result for the rest of the call.
    /// </summary>
    public static ResolvedCredentials ResolveCredentials(AwsConnectionOptions options, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (credentials, profileName, source) = ResolveCredentials(options, environment, out var fetchNow);
        if (fetchNow)
        {
            FetchNow(credentials, profileName, source);
        }

        return new ResolvedCredentials(credentials, profileName, source);
    }

    private static (AWSCredentials Credentials, string? ProfileName, string Source) ResolveCredentials(
        AwsConnectionOptions options, Func<string, string?> environment, out bool fetchNow)
    {
        fetchNow = true;
        if (options.Credential is not null)
        {
            if (CredentialObjects.TryAdapt(options.Credential, out var given, out var description))
            {
                return (given, null, $"the -Credential parameter ({description})");
            }

            throw new AwsWikiException("CredentialNotSupported", FailureKind.InvalidArgument, description,
                $"-Credential takes {CredentialObjects.Expected}; not {description}.");
        }

        var hasAccessKey = !string.IsNullOrEmpty(options.AccessKey);
        var hasSecretKey = !string.IsNullOrEmpty(options.SecretKey);
        if (hasAccessKey != hasSecretKey)
        {
            throw new AwsWikiException(hasAccessKey ? "AccessKeyWithoutSecretKey" : "SecretKeyWithoutAccessKey",
                FailureKind.InvalidArgument, null, "-AccessKey and -SecretKey must be given together.");
        }

        if (hasAccessKey)
        {
            AWSCredentials keys = string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            return (keys, null, "the -AccessKey and -SecretKey parameters");
        }

        if (!string.IsNullOrEmpty(options.ProfileName))
        {
            return (FromProfile(options.ProfileName!, options, environment), options.ProfileName, $"profile '{options.ProfileName}' (-ProfileName)");
        }

        var environmentProfile = environment("AWS_PROFILE");
        if (!string.IsNullOrEmpty(environmentProfile))
        {
            return (FromProfile(environmentProfile!, options, environment), environmentProfile, $"profile '{environmentProfile}' (AWS_PROFILE)");
        }

        switch (options.StoredCredentials is null ? null : CredentialObjects.Unwrap(options.StoredCredentials))
        {
            case null:
                break;
            case string storedProfile when storedProfile.Length > 0:
                return (FromProfile(storedProfile, options, environment), storedProfile, $"profile '{storedProfile}' ($StoredAWSCredentials)");
            case object stored:
                if (CredentialObjects.TryAdapt(stored, out var storedCredentials, out var storedDescription))
                {
                    return (storedCredentials, null, $"the AWS Tools session credentials ($StoredAWSCredentials: {storedDescription})");
                }

                var named = ReadProperty<string>(stored, "Name") ?? ReadProperty<string>(stored, "ProfileName");
                if (!string.IsNullOrEmpty(named))
                {
                    return (FromProfile(named!, options, environment), named, $"profile '{named}' ($StoredAWSCredentials)");
                }

                throw new AwsWikiException("CredentialNotSupported", FailureKind.InvalidArgument, storedDescription,
                    $"$StoredAWSCredentials holds {storedDescription}; AwsWiki takes {CredentialObjects.Expected}, or a profile name. " +
                    "Set it with AWS Tools' Set-AWSCredential, or remove it with 'Remove-Variable StoredAWSCredentials -Scope Global'.");
        }

        // The SDK chain takes environment keys first, then the default profile; we read the default
        // profile ourselves so that AWS_CONFIG_FILE is honoured, and leave the rest to the chain.
        var usesEnvironmentKeys = !string.IsNullOrEmpty(environment("AWS_ACCESS_KEY_ID"));
        if (!usesEnvironmentKeys && ProfileStore.FromEnvironment().Exists("default"))
        {
            return (FromProfile("default", options, environment), "default", "the default profile");
        }

        // The rest of the chain (container and instance roles) is fetched when first used, as before.
        fetchNow = false;
        try
        {
            var chain = new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null);
            if (chain is not null)
            {
                return (chain, null, usesEnvironmentKeys ? "the AWS_ACCESS_KEY_ID environment variables" : "the AWS SDK default credential chain");
            }
        }
        catch (AmazonClientException)
        {
            // Falls through to the error below, which says what to do.
        }

        throw new AwsWikiException("NoCredentials", FailureKind.AuthenticationError, null,
            "No AWS credentials were found. Register an account with 'Set-AwsProfile NAME -AccessKey ... -SecretKey ...', " +
            "switch to one with 'Set-AwsProfile NAME', or pass -ProfileName, -Credential or -AccessKey/-SecretKey.");
    }

    /// <summary>
    /// The credentials of a role assumed now with the context's own (STS AssumeRole through the
    /// context's endpoint and timeout): for objects that name the role they were listed through,
    /// such as Get-AwsInstance's rows for organization member accounts.
    /// </summary>
    public static ResolvedCredentials AssumeRole(AwsContext context, string roleArn, string sessionName)
    {
        using var sts = new AmazonSecurityTokenServiceClient(context.Credentials, context.Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts));
        try
        {
            var response = context.CallAsync(AwsService.Sts,
                token => sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName }, token),
                System.Threading.CancellationToken.None).GetAwaiter().GetResult();
            var c = response.Credentials;
            return new ResolvedCredentials(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), context.ProfileName,
                $"role {roleArn} assumed with {context.CredentialSource}");
        }
        catch (AmazonServiceException e)
        {
            throw new AwsWikiException("AssumeRoleFailed", FailureKind.AuthenticationError, roleArn,
                $"Role {roleArn} could not be assumed with {context.CredentialSource}: {e.ErrorCode}: {e.Message}", e);
        }
    }

    private static void FetchNow(AWSCredentials credentials, string? profileName, string source)
    {
        try
        {
            credentials.GetCredentials();
        }
        catch (AwsWikiException)
        {
            throw;
        }
        catch (Exception e) when (credentials is SSOAWSCredentials && profileName is not null && SsoProfileCredentials.IsSignInFailure(e))
        {
            throw SsoProfileCredentials.LoginRequired(profileName, e);
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            var inner = e is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? $"{code}: {e.Message}" : e.Message;
            throw new AwsWikiException("CredentialsUnusable", FailureKind.AuthenticationError, profileName,
                $"The credentials from {source} cannot be used: {inner}", e);
        }
    }

    private static AWSCredentials FromProfile(string profileName, AwsConnectionOptions options, Func<string, string?> environment, int depth = 0)
    {
        // Read now, not cached: a profile written a moment ago by Set-AwsProfile is found.
        var store = ProfileStore.FromEnvironment();
        var settings = store.ReadSettings(profileName);
        var source = new ProfileCredentialSource(store);
        if (settings is null || !source.TryGetProfile(profileName, out var profile))
        {
            throw new AwsWikiException("ProfileNotFound", FailureKind.ObjectNotFound, profileName,
                $"Profile '{profileName}' exists in neither the credentials nor the config file. 'Get-AwsProfile' lists the profiles.");
        }

        string? Get(string key) => settings.TryGetValue(key, out var value) && value.Trim().Length > 0 ? value.Trim() : null;
        var hasKeys = Get("aws_access_key_id") is not null;
        if (Get("role_arn") is { } roleArn && Get("web_identity_token_file") is null)
        {
            return AssumeRoleFromProfile(profileName, roleArn, Get, hasKeys, store, options, environment, depth);
        }

        if (!hasKeys && SsoProfileCredentials.IsSso(settings))
        {
            return SsoProfileCredentials.Create(profileName, settings);
        }

        try
        {
            if (AWSCredentialsFactory.TryGetAWSCredentials(profile, source, out var credentials) && credentials is not null)
            {
                return credentials;
            }
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            throw new AwsWikiException("ProfileCredentialsUnusable", FailureKind.AuthenticationError, profileName,
                $"The credentials of profile '{profileName}' cannot be used: {e.Message}", e);
        }

        throw new AwsWikiException("ProfileHasNoCredentials", FailureKind.AuthenticationError, profileName,
            $"Profile '{profileName}' has no usable credentials. Add keys with 'Set-AwsProfile {profileName} -AccessKey ... -SecretKey ...'.");
    }

    /// <summary>
    /// An assume-role profile, as botocore reads it: the source is source_profile (a profile naming
    /// itself uses its own keys) or credential_source; sessions go through the AWS CLI's cache.
    /// </summary>
    private static AWSCredentials AssumeRoleFromProfile(string profileName, string roleArn, Func<string, string?> get, bool hasKeys,
        ProfileStore store, AwsConnectionOptions options, Func<string, string?> environment, int depth)
    {
        var sourceProfile = get("source_profile");
        var credentialSource = get("credential_source");
        if ((sourceProfile is null) == (credentialSource is null))
        {
            throw new AwsWikiException("InvalidAssumeRoleProfile", FailureKind.InvalidData, profileName,
                $"Profile '{profileName}' has role_arn and needs exactly one of source_profile and credential_source.");
        }

        if (depth > 10)
        {
            throw new AwsWikiException("SourceProfileLoop", FailureKind.InvalidData, profileName,
                $"Profile '{profileName}' is part of a source_profile chain that loops back on itself.");
        }

        AWSCredentials sourceCredentials;
        if (credentialSource is not null)
        {
            sourceCredentials = credentialSource switch
            {
                "Environment" => new EnvironmentVariablesAWSCredentials(),
                "Ec2InstanceMetadata" => new InstanceProfileAWSCredentials(),
                "EcsContainer" => new GenericContainerCredentials(),
                _ => throw new AwsWikiException("InvalidAssumeRoleProfile", FailureKind.InvalidData, profileName,
                    $"Profile '{profileName}' has credential_source '{credentialSource}'; it takes Environment, Ec2InstanceMetadata or EcsContainer."),
            };
        }
        else if (sourceProfile != profileName)
        {
            sourceCredentials = FromProfile(sourceProfile!, options, environment, depth + 1);
        }
        else if (hasKeys && get("aws_secret_access_key") is { } secret)
        {
            sourceCredentials = get("aws_session_token") is { } token
                ? new SessionAWSCredentials(get("aws_access_key_id"), secret, token)
                : new BasicAWSCredentials(get("aws_access_key_id"), secret);
        }
        else
        {
            throw new AwsWikiException("SourceProfileLoop", FailureKind.InvalidData, profileName,
                $"Profile '{profileName}' names itself as source_profile but has no keys.");
        }

        var role = new AssumeRoleSettings(profileName, sourceProfile, roleArn, get("role_session_name"), get("external_id"), get("mfa_serial"),
            int.TryParse(get("duration_seconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null);
        var stsRegion = RegionEndpoint.GetBySystemName(
            get("region") ?? (sourceProfile is null ? null : store.GetProfile(sourceProfile)?.Region) ?? "us-east-1");
        var stsContext = new AwsContext(new AnonymousAWSCredentials(), stsRegion, profileName, string.Empty, options.EndpointUrl, environment);
        return new CliCachedAssumeRoleCredentials(role, sourceCredentials,
            () => stsContext.Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts), options.MfaCode ?? MfaCodeSource.None, new CliRoleSessionCache());
    }

    private static RegionEndpoint ResolveRegion(AwsConnectionOptions options, string? profileName, Func<string, string?> environment, bool requireRegion)
    {
        var name = FirstNonEmpty(
            options.Region,
            environment("AWS_REGION"),
            environment("AWS_DEFAULT_REGION"),
            options.StoredRegion,
            // As in the AWS CLI: a named profile without a region does not borrow the default profile's.
            ProfileStore.FromEnvironment().GetProfile(profileName ?? "default")?.Region);
        if (name is null)
        {
            if (!requireRegion)
            {
                return RegionEndpoint.USEast1;
            }

            throw new AwsWikiException("NoRegion", FailureKind.InvalidArgument, null,
                "No AWS region is set. Pass -Region, set AWS_REGION, or give the profile one with 'Set-AwsProfile NAME -Region REGION'.");
        }

        return RegionEndpoint.GetBySystemName(name);
    }

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value!.Trim();
            }
        }

        return null;
    }

    private static T? ReadProperty<T>(object target, string name)
        where T : class
    {
        var baseObject = target.GetType().GetProperty("BaseObject")?.GetValue(target) ?? target;
        return baseObject.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(baseObject) as T;
    }
}
