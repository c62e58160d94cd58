using System;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsWiki.Aws;

namespace AwsWiki.Credentials;

/// <summary>
/// An assume-role profile (role_arn + source_profile) whose sessions go through the AWS CLI's cache,
/// so a session assumed by the CLI or an earlier AwsWiki call is reused, and an MFA code is asked
/// for only when a new session is really needed. The STS call itself is the SDK's.
/// </summary>
internal sealed class CliCachedAssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly AssumeRoleSettings _settings;
    private readonly AWSCredentials _source;
    private readonly AwsContext _stsContext;
    private readonly System.Threading.CancellationToken _cancellation;
    private readonly MfaCodeSource _mfa;
    private readonly CliRoleSessionCache _cache;
    private readonly string _key;

    public CliCachedAssumeRoleCredentials(AssumeRoleSettings settings, AWSCredentials source,
        AwsContext stsContext, MfaCodeSource mfa, CliRoleSessionCache cache, System.Threading.CancellationToken cancellation)
    {
        _settings = settings;
        _source = source;
        _stsContext = stsContext.WithCredentials(source, stsContext.CredentialSource);
        _cancellation = cancellation;
        _mfa = mfa;
        _cache = cache;
        _key = CliRoleSessionCache.KeyFor(settings.RoleArn, settings.RoleSessionName, settings.ExternalId, settings.MfaSerial, settings.DurationSeconds);
    }

    protected override CredentialsRefreshState GenerateNewCredentials()
    {
        var cached = _cache.Read(_key, DateTime.UtcNow);
        if (cached is { } hit)
        {
            return new CredentialsRefreshState(hit.Keys, hit.ExpirationUtc);
        }

        // The source's keys before the MFA code, so that an SSO source profile whose sign-in has lapsed says so.
        try
        {
            _source.GetCredentials();
        }
        catch (Exception e) when (_source is SSOAWSCredentials && _settings.SourceProfileName is not null && SsoProfileCredentials.IsSignInFailure(e))
        {
            throw SsoProfileCredentials.LoginRequired(_settings.SourceProfileName, e, ((SSOAWSCredentials)_source).Options?.SessionName);
        }

        var request = new AssumeRoleRequest
        {
            RoleArn = _settings.RoleArn,
            RoleSessionName = _settings.RoleSessionName ?? "awswiki-session-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ExternalId = _settings.ExternalId,
            DurationSeconds = _settings.DurationSeconds,
        };
        if (_settings.MfaSerial is not null)
        {
            // Asked on the caller's thread: the cmdlet resolves credentials on the pipeline thread,
            // where the host can prompt.
            request.SerialNumber = _settings.MfaSerial;
            request.TokenCode = _mfa.CodeFor(_settings.ProfileName, _settings.MfaSerial);
        }

        // The one STS path: the call's endpoint, retry policy, deadline and Ctrl+C.
        var (keys, expiration, roleId, roleArn) = StsApi.AssumeRoleAsync(_stsContext, request, _cancellation).GetAwaiter().GetResult();
        try
        {
            _cache.Write(_key, keys, expiration, roleId, roleArn);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // The session still works; only the next run has to assume the role again.
        }

        return new CredentialsRefreshState(keys, expiration);
    }

    protected override Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => Task.FromResult(GenerateNewCredentials());
}
