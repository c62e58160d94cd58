using System;
using System.Globalization;
using System.Reflection;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using AwsWiki.Credentials;
using AwsWiki.Profiles;

namespace AwsWiki.Aws;

/// <summary>
/// The one place credentials, region and endpoints are resolved. Order: explicit parameters,
/// then AWS_PROFILE / AWS_REGION / AWS_DEFAULT_REGION, then AWS Tools' session defaults, then the
/// SDK's own chain (default profile, environment keys, container and instance roles). Which provider
/// a profile takes is botocore's order (<see cref="CredentialTypeResolver"/>, coded once). The SDK's
/// providers do the work, except where they cannot be bounded: assume-role goes through the one STS
/// path with the CLI's session cache, and credential_process is run by the module under the call's
/// deadline (<see cref="ProcessCredentials"/>).
/// </summary>
public static class AwsContextResolver
{
    public static AwsContext Resolve(AwsConnectionOptions options, bool requireRegion = true, Func<string, string?>? environment = null,
        System.Threading.CancellationToken cancellationToken = default)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Resolve(options, ResolveCredentials(options, environment, cancellationToken), requireRegion, environment);
    }

    /// <summary>Region and endpoints for credentials resolved earlier in the same call.</summary>
    public static AwsContext Resolve(AwsConnectionOptions options, ResolvedCredentials credentials, bool requireRegion = true, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        // The files read while resolving the credentials, else once now: region and retry settings share them.
        var files = credentials.Files;
        ProfileFiles Files() => files ??= ProfileStore.FromEnvironment().Load();
        var region = ResolveRegion(options, credentials.ProfileName, environment, requireRegion, Files);
        var context = new AwsContext(credentials.Credentials, region, credentials.ProfileName, credentials.Source, options.EndpointUrl, environment);
        if (options.TimeoutSec is > 0)
        {
            context.Timeout = TimeSpan.FromSeconds(options.TimeoutSec.Value);
        }

        // A bad AWS_MAX_ATTEMPTS or retry_mode fails here, before anything is sent.
        context.UseRetry(AwsRetrySettings.Resolve(environment, credentials.ProfileName, NeedsProfileRetry(environment) ? Files() : null));

        return context;
    }

    /// <summary>
    /// Resolves the credentials and fetches their current keys now, on the caller's thread: an
    /// assume-role profile assumes its role here (asking for an MFA code through
    /// <see cref="AwsConnectionOptions.MfaCode"/>), an SSO profile reads its token here, and any
    /// failure surfaces before a request is sent. Share the result for the rest of the call.
    /// </summary>
    public static ResolvedCredentials ResolveCredentials(AwsConnectionOptions options, Func<string, string?>? environment = null,
        System.Threading.CancellationToken cancellationToken = default)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var resolution = new Resolution(options, environment, cancellationToken);
        var (credentials, profileName, source) = ResolveCredentials(resolution, out var fetchNow);
        if (fetchNow)
        {
            FetchNow(credentials, profileName, source, resolution);
        }

        return new ResolvedCredentials(credentials, profileName, source, resolution.LoadedFiles);
    }

    private static (AWSCredentials Credentials, string? ProfileName, string Source) ResolveCredentials(Resolution resolution, out bool fetchNow)
    {
        var options = resolution.Options;
        var environment = resolution.Environment;
        fetchNow = true;
        if (options.Credential is not null)
        {
            if (CredentialObjects.TryAdapt(options.Credential, out var given, out var description))
            {
                return (given, null, $"the -Credential parameter ({description})");
            }

            throw Errors.CredentialNotSupported.New(description, "-Credential", description, "");
        }

        var hasAccessKey = !string.IsNullOrEmpty(options.AccessKey);
        var hasSecretKey = !string.IsNullOrEmpty(options.SecretKey);
        if (hasAccessKey != hasSecretKey)
        {
            throw (hasAccessKey ? Errors.AccessKeyWithoutSecretKey : Errors.SecretKeyWithoutAccessKey).New(null);
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
            return (FromProfile(options.ProfileName!, resolution), options.ProfileName, $"profile '{options.ProfileName}' (-ProfileName)");
        }

        var environmentProfile = environment("AWS_PROFILE");
        if (!string.IsNullOrEmpty(environmentProfile))
        {
            return (FromProfile(environmentProfile!, resolution), environmentProfile, $"profile '{environmentProfile}' (AWS_PROFILE)");
        }

        switch (options.StoredCredentials is null ? null : CredentialObjects.Unwrap(options.StoredCredentials))
        {
            case null:
                break;
            case string storedProfile when storedProfile.Length > 0:
                return (FromProfile(storedProfile, resolution), storedProfile, $"profile '{storedProfile}' ($StoredAWSCredentials)");
            case object stored:
                if (CredentialObjects.TryAdapt(stored, out var storedCredentials, out var storedDescription))
                {
                    return (storedCredentials, null, $"the AWS Tools session credentials ($StoredAWSCredentials: {storedDescription})");
                }

                var named = ReadProperty<string>(stored, "Name") ?? ReadProperty<string>(stored, "ProfileName");
                if (!string.IsNullOrEmpty(named))
                {
                    return (FromProfile(named!, resolution), named, $"profile '{named}' ($StoredAWSCredentials)");
                }

                throw Errors.CredentialNotSupported.New(storedDescription, "$StoredAWSCredentials", storedDescription,
                    " or a profile name; set it with AWS Tools' Set-AWSCredential, or remove it with 'Remove-Variable StoredAWSCredentials -Scope Global'");
        }

        // The SDK chain takes environment keys first, then the default profile; we read the default
        // profile ourselves so that AWS_CONFIG_FILE is honoured, and leave the rest to the chain.
        var usesEnvironmentKeys = !string.IsNullOrEmpty(environment("AWS_ACCESS_KEY_ID"));
        if (!usesEnvironmentKeys && resolution.Files.Exists("default"))
        {
            return (FromProfile("default", resolution), "default", "the default profile");
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

        throw Errors.NoCredentials.New(null);
    }

    /// <summary>
    /// Fetches the keys now, under the call's time limit and Ctrl+C: a credential process, an SSO
    /// portal or STS that never answers ends the call with a specific error instead of a hang.
    /// Runs on the caller's thread as far as it can, so an MFA prompt reaches the host.
    /// </summary>
    private static void FetchNow(AWSCredentials credentials, string? profileName, string source, Resolution resolution)
    {
        try
        {
            var fetch = credentials.GetCredentialsAsync();
            // A little past the limit: a credential process and STS bound themselves by it and then say
            // which of them timed out; this wait catches only what has no limit of its own (the SDK's SSO).
            var grace = resolution.Timeout + TimeSpan.FromSeconds(5);
            if (!fetch.Wait((int)Math.Min(int.MaxValue, grace.TotalMilliseconds), resolution.Cancellation))
            {
                throw Errors.CredentialsTimedOut.New(profileName ?? source, source,
                    resolution.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            throw Translate(e.InnerExceptions[0], credentials, profileName, source);
        }
        catch (Exception e) when (e is not OperationCanceledException and not AwsWikiException)
        {
            throw Translate(e, credentials, profileName, source);
        }
    }

    private static Exception Translate(Exception e, AWSCredentials credentials, string? profileName, string source)
    {
        switch (e)
        {
            case AwsWikiException or OperationCanceledException:
                return e;
            case var _ when credentials is SSOAWSCredentials && profileName is not null && SsoProfileCredentials.IsSignInFailure(e):
                return SsoProfileCredentials.LoginRequired(profileName, e, ((SSOAWSCredentials)credentials).Options?.SessionName);
            default:
                var inner = e is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? $"{code}: {e.Message}" : e.Message;
                return Errors.CredentialsUnusable.Wrap(e, profileName, source, inner);
        }
    }

    /// <summary>
    /// A profile's credentials, by the provider botocore's chain would take for it
    /// (<see cref="CredentialTypeResolver"/>: the one place that order is coded), from the files
    /// read once for this resolution.
    /// </summary>
    private static AWSCredentials FromProfile(string profileName, Resolution resolution, int depth = 0)
    {
        var files = resolution.Files;
        var settings = ProfileStore.SettingsOf(files, profileName);
        if (settings is null)
        {
            throw Errors.ProfileNotFound.New(profileName, profileName);
        }

        string? Get(string key) => settings.TryGetValue(key, out var value) && value.Trim().Length > 0 ? value.Trim() : null;
        var type = CredentialTypeResolver.Resolve(profileName, files);
        if (type == CredentialType.AssumeRole || (type == CredentialType.Incomplete && Get("role_arn") is not null && Get("web_identity_token_file") is null))
        {
            return AssumeRoleFromProfile(profileName, Get("role_arn")!, Get, Get("aws_access_key_id") is not null, resolution, depth);
        }

        if (type == CredentialType.Sso || (type == CredentialType.Incomplete && SsoProfileCredentials.IsSso(settings)))
        {
            return SsoProfileCredentials.Create(profileName, settings);
        }

        switch (type)
        {
            case CredentialType.Static or CredentialType.Session:
                var token = Get("aws_session_token") ?? Get("aws_security_token");
                return token is null
                    ? new BasicAWSCredentials(Get("aws_access_key_id"), Get("aws_secret_access_key"))
                    : new SessionAWSCredentials(Get("aws_access_key_id"), Get("aws_secret_access_key"), token);
            case CredentialType.Process:
                return new ProcessCredentials(profileName, Get("credential_process") ?? string.Empty, resolution.Timeout, resolution.Cancellation);
            case CredentialType.WebIdentity:
                try
                {
                    var source = new ProfileCredentialSource(settings);
                    if (source.TryGetProfile(profileName, out var profile) && AWSCredentialsFactory.TryGetAWSCredentials(profile, source, out var credentials) && credentials is not null)
                    {
                        return credentials;
                    }
                }
                catch (Exception e) when (e is AmazonClientException or InvalidOperationException or ArgumentException)
                {
                    throw Errors.ProfileCredentialsUnusable.Wrap(e, profileName, profileName, e.Message);
                }

                break;
        }

        throw Errors.ProfileHasNoCredentials.New(profileName, profileName);
    }

    /// <summary>
    /// An assume-role profile, as botocore reads it: the source is source_profile (a profile naming
    /// itself uses its own keys) or credential_source; sessions go through the AWS CLI's cache.
    /// </summary>
    private static AWSCredentials AssumeRoleFromProfile(string profileName, string roleArn, Func<string, string?> get, bool hasKeys,
        Resolution resolution, int depth)
    {
        var sourceProfile = get("source_profile");
        var credentialSource = get("credential_source");
        if ((sourceProfile is null) == (credentialSource is null))
        {
            throw Errors.InvalidAssumeRoleProfile.New(profileName, profileName, "it needs exactly one of source_profile and credential_source");
        }

        if (depth > 10)
        {
            throw Errors.SourceProfileLoop.New(profileName, profileName, "is part of a source_profile chain that loops back on itself");
        }

        AWSCredentials sourceCredentials;
        if (credentialSource is not null)
        {
            sourceCredentials = credentialSource switch
            {
                "Environment" => new EnvironmentVariablesAWSCredentials(),
                "Ec2InstanceMetadata" => new InstanceProfileAWSCredentials(),
                "EcsContainer" => new GenericContainerCredentials(),
                _ => throw Errors.InvalidAssumeRoleProfile.New(profileName, profileName,
                    $"credential_source '{UserText.Show(credentialSource, 40)}' is none of Environment, Ec2InstanceMetadata, EcsContainer"),
            };
        }
        else if (sourceProfile != profileName)
        {
            sourceCredentials = FromProfile(sourceProfile!, resolution, depth + 1);
        }
        else if (hasKeys && get("aws_secret_access_key") is { } secret)
        {
            sourceCredentials = get("aws_session_token") is { } token
                ? new SessionAWSCredentials(get("aws_access_key_id"), secret, token)
                : new BasicAWSCredentials(get("aws_access_key_id"), secret);
        }
        else
        {
            throw Errors.SourceProfileLoop.New(profileName, profileName, "names itself as source_profile but has no keys");
        }

        var role = new AssumeRoleSettings(profileName, sourceProfile, roleArn, get("role_session_name"), get("external_id"), get("mfa_serial"),
            int.TryParse(get("duration_seconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null);
        var sourceRegion = sourceProfile is null ? null : ProfileStore.SettingsOf(resolution.Files, sourceProfile) is { } s && s.TryGetValue("region", out var r) ? r : null;
        var stsRegion = RegionOf(get("region") ?? sourceRegion ?? "us-east-1", $"the region of profile '{profileName}'");
        var stsContext = new AwsContext(new AnonymousAWSCredentials(), stsRegion, profileName, $"profile '{profileName}'", resolution.Options.EndpointUrl, resolution.Environment)
        {
            Timeout = resolution.Timeout,
        };
        return new CliCachedAssumeRoleCredentials(role, sourceCredentials, stsContext, resolution.Options.MfaCode ?? MfaCodeSource.None,
            new CliRoleSessionCache(), resolution.Cancellation);
    }

    private static bool NeedsProfileRetry(Func<string, string?> environment) =>
        string.IsNullOrWhiteSpace(environment("AWS_RETRY_MODE")) || string.IsNullOrWhiteSpace(environment("AWS_MAX_ATTEMPTS"));

    private static RegionEndpoint ResolveRegion(AwsConnectionOptions options, string? profileName, Func<string, string?> environment, bool requireRegion,
        Func<ProfileFiles> files)
    {
        var candidates = new (string? Value, string Source)[]
        {
            (options.Region, "-Region"),
            (environment("AWS_REGION"), "AWS_REGION"),
            (environment("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
            (options.StoredRegion, "$StoredAWSRegion"),
            // As in the AWS CLI: a named profile without a region does not borrow the default profile's.
            (null, $"the region of profile '{profileName ?? "default"}'"),
        };
        for (var i = 0; i < candidates.Length; i++)
        {
            var (value, source) = candidates[i];
            if (i == candidates.Length - 1)
            {
                // Read last, and only when nothing before it gave a region.
                value = ProfileStore.SettingsOf(files(), profileName ?? "default") is { } settings && settings.TryGetValue("region", out var own) ? own : null;
            }

            if (!string.IsNullOrWhiteSpace(value))
            {
                return RegionOf(value!.Trim(), source);
            }
        }

        if (!requireRegion)
        {
            return RegionEndpoint.USEast1;
        }

        throw Errors.NoRegion.New(null);
    }

    /// <summary>
    /// A region by name. Unknown but well-formed names are taken (new regions come before SDK
    /// updates); anything else (spaces, slashes, an empty name) is refused before it can become a host name.
    /// </summary>
    internal static RegionEndpoint RegionOf(string name, string source = "-Region")
    {
        if (!RegionName.IsMatch(name))
        {
            throw Errors.InvalidRegion.New(name, name, source);
        }

        return RegionEndpoint.GetBySystemName(name);
    }

    private static readonly System.Text.RegularExpressions.Regex RegionName =
        new(@"^[a-z]{2,}(-[a-z0-9]+)*-[0-9]{1,2}$|^(local|global)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>What one resolution needs, and the profile files read once for it.</summary>
    private sealed class Resolution
    {
        private ProfileFiles? _files;

        public Resolution(AwsConnectionOptions options, Func<string, string?> environment, System.Threading.CancellationToken cancellation)
        {
            Options = options;
            Environment = environment;
            Cancellation = cancellation;
            Timeout = options.TimeoutSec is > 0 ? TimeSpan.FromSeconds(options.TimeoutSec.Value) : RequestDeadline.DefaultLimit;
        }

        public AwsConnectionOptions Options { get; }

        public Func<string, string?> Environment { get; }

        public System.Threading.CancellationToken Cancellation { get; }

        public TimeSpan Timeout { get; }

        public ProfileFiles Files => _files ??= ProfileStore.FromEnvironment().Load();

        /// <summary>The files if this resolution read them.</summary>
        public ProfileFiles? LoadedFiles => _files;
    }

    private static T? ReadProperty<T>(object target, string name)
        where T : class
    {
        var baseObject = target.GetType().GetProperty("BaseObject")?.GetValue(target) ?? target;
        return baseObject.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(baseObject) as T;
    }
}
