using System;
using System.Reflection;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
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
        var (credentials, profileName, source) = ResolveCredentials(options, environment);
        var region = ResolveRegion(options, profileName, environment, requireRegion);
        var context = new AwsContext(credentials, region, profileName, source, options.EndpointUrl, environment);
        if (options.TimeoutSec is > 0)
        {
            context.Timeout = TimeSpan.FromSeconds(options.TimeoutSec.Value);
        }

        _ = context.Retry; // a bad AWS_MAX_ATTEMPTS or retry_mode fails here, before anything is sent

        return context;
    }

    private static (AWSCredentials Credentials, string? ProfileName, string Source) ResolveCredentials(
        AwsConnectionOptions options, Func<string, string?> environment)
    {
        if (options.Credential is not null)
        {
            var given = ForeignAwsCredentials.From(options.Credential)
                ?? ForeignAwsCredentials.From(ReadProperty<object>(options.Credential, "Credentials"));
            if (given is not null)
            {
                return (given, null, "the -Credential parameter");
            }

            throw new AwsWikiException("CredentialNotSupported", FailureKind.InvalidArgument, options.Credential.GetType().FullName,
                $"-Credential takes AWS credentials (Amazon.Runtime.AWSCredentials of the AWS SDK v3 or v4, as Get-AWSCredential returns), not {options.Credential.GetType().FullName}.");
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
            return (FromProfile(options.ProfileName!), options.ProfileName, $"profile '{options.ProfileName}' (-ProfileName)");
        }

        var environmentProfile = environment("AWS_PROFILE");
        if (!string.IsNullOrEmpty(environmentProfile))
        {
            return (FromProfile(environmentProfile!), environmentProfile, $"profile '{environmentProfile}' (AWS_PROFILE)");
        }

        switch (options.StoredCredentials)
        {
            case object stored when ForeignAwsCredentials.From(stored) is { } storedCredentials:
                return (storedCredentials, null, "the AWS Tools session credentials ($StoredAWSCredentials)");
            case string storedProfile when storedProfile.Length > 0:
                return (FromProfile(storedProfile), storedProfile, $"profile '{storedProfile}' ($StoredAWSCredentials)");
            case object wrapper:
                var inner = ForeignAwsCredentials.From(ReadProperty<object>(wrapper, "Credentials"));
                if (inner is not null)
                {
                    return (inner, null, "the AWS Tools session credentials ($StoredAWSCredentials)");
                }

                var named = ReadProperty<string>(wrapper, "Name") ?? ReadProperty<string>(wrapper, "ProfileName");
                if (!string.IsNullOrEmpty(named))
                {
                    return (FromProfile(named!), named, $"profile '{named}' ($StoredAWSCredentials)");
                }

                break;
        }

        // The SDK chain takes environment keys first, then the default profile; we read the default
        // profile ourselves so that AWS_CONFIG_FILE is honoured, and leave the rest to the chain.
        var usesEnvironmentKeys = !string.IsNullOrEmpty(environment("AWS_ACCESS_KEY_ID"));
        if (!usesEnvironmentKeys && ProfileStore.FromEnvironment().Exists("default"))
        {
            return (FromProfile("default"), "default", "the default profile");
        }

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

    private static AWSCredentials FromProfile(string profileName)
    {
        // Read now, not cached: a profile written a moment ago by Set-AwsProfile is found.
        var source = new ProfileCredentialSource(ProfileStore.FromEnvironment());
        if (!source.TryGetProfile(profileName, out var profile))
        {
            throw new AwsWikiException("ProfileNotFound", FailureKind.ObjectNotFound, profileName,
                $"Profile '{profileName}' exists in neither the credentials nor the config file. 'Get-AwsProfile' lists the profiles.");
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
