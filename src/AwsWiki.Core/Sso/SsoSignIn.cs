using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using AwsWiki.Aws;

namespace AwsWiki.Sso;

/// <summary>
/// IAM Identity Center sign-in by the OIDC device authorization flow, as the AWS CLI v2's
/// 'aws sso login' does it: the refresh token first (no browser), else the client registration
/// (cached until 15 minutes before it expires), StartDeviceAuthorization, and CreateToken polled at
/// the given interval (5 s more on slow_down) until the user confirms, denies, the code expires or
/// the caller cancels. Every request goes through the one call path. The token goes to the CLI's
/// cache and nowhere else.
/// </summary>
internal sealed class SsoSignIn
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const int SlowDownSeconds = 5;
    private const int DefaultIntervalSeconds = 5;

    private readonly SsoSession _session;
    private readonly SsoTokenCache _cache;
    private readonly AwsContext _context;
    private readonly Func<DateTime> _now;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public SsoSignIn(SsoSession session, SsoTokenCache cache, TimeSpan? timeout = null, Func<DateTime>? now = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _session = session;
        _cache = cache;
        _context = ContextFor(session, timeout);
        _now = now ?? (() => DateTime.UtcNow);
        _delay = delay ?? ((span, token) => Task.Delay(span, token));
    }

    /// <summary>Unsigned calls to the session's sso_region, with the endpoints AWS_ENDPOINT_URL_SSO(_OIDC) name.</summary>
    internal static AwsContext ContextFor(SsoSession session, TimeSpan? timeout)
    {
        var context = new AwsContext(new AnonymousAWSCredentials(), AwsContextResolver.RegionOf(session.Region, "sso_region"), null,
            "IAM Identity Center (no AWS credentials)", null, Environment.GetEnvironmentVariable);
        if (timeout is { } limit)
        {
            context.Timeout = limit;
        }

        return context;
    }

    /// <summary>
    /// A new token from the cached refresh token, written to the cache; null when there is none, its
    /// registration expired, or the service refused it (then the device flow is the way).
    /// </summary>
    public async Task<SsoSignInResult?> TryRefreshAsync(IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var cached = _cache.ReadToken(_session);
        if (cached is null || !cached.CanRefresh(_now()))
        {
            return null;
        }

        using var client = AwsClientFactory.SsoOidc(_context);
        try
        {
            var response = await client.CallAsync("CreateToken", (c, token) => c.CreateTokenAsync(new CreateTokenRequest
            {
                ClientId = cached.ClientId,
                ClientSecret = cached.ClientSecret,
                GrantType = "refresh_token",
                RefreshToken = cached.RefreshToken,
            }, token), cancellationToken, _session.DisplayName).ConfigureAwait(false);
            var registration = new SsoRegistration { ClientId = cached.ClientId!, ClientSecret = cached.ClientSecret!, ExpiresAtUtc = cached.RegistrationExpiresAtUtc!.Value };
            return Store(response, registration, refreshed: true, previousRefreshToken: cached.RefreshToken);
        }
        catch (AwsWikiException e) when (e.Kind != FailureKind.OperationTimeout)
        {
            // An expired or revoked refresh token: ask the user, as botocore does.
            reporter.Verbose($"The cached refresh token for {_session.DisplayName} was not accepted ({e.ErrorId}); signing in with a device code.");
            return null;
        }
    }

    /// <summary>Registers the client (or reuses the cached registration) and starts a device authorization.</summary>
    public async Task<SsoDeviceAuthorization> StartAsync(IActivityReporter reporter, CancellationToken cancellationToken)
    {
        using var client = AwsClientFactory.SsoOidc(_context);
        var now = _now();
        var registration = _cache.ReadRegistration(_session, now);
        if (registration is null)
        {
            var registered = await client.CallAsync("RegisterClient", (c, token) => c.RegisterClientAsync(new RegisterClientRequest
            {
                ClientName = "awswiki-" + (_session.Name ?? "anonymous-" + new DateTimeOffset(now).ToUnixTimeSeconds()),
                ClientType = "public",
                Scopes = _session.Scopes.Count > 0 ? new System.Collections.Generic.List<string>(_session.Scopes) : null,
            }, token), cancellationToken, _session.DisplayName).ConfigureAwait(false);
            registration = new SsoRegistration
            {
                ClientId = registered.ClientId,
                ClientSecret = registered.ClientSecret,
                ExpiresAtUtc = DateTimeOffset.FromUnixTimeSeconds(registered.ClientSecretExpiresAt ?? 0).UtcDateTime,
            };
            _cache.WriteRegistration(_session, registration, now);
            reporter.Verbose($"Registered this client with IAM Identity Center in {_session.Region} (until {registration.ExpiresAtUtc:u}).");
        }
        else
        {
            reporter.Verbose($"Using the cached client registration (until {registration.ExpiresAtUtc:u}).");
        }

        var authorization = await client.CallAsync("StartDeviceAuthorization", (c, token) => c.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            StartUrl = _session.StartUrl,
        }, token), cancellationToken, _session.DisplayName).ConfigureAwait(false);
        return new SsoDeviceAuthorization(registration, authorization.DeviceCode, authorization.UserCode, authorization.VerificationUri,
            authorization.VerificationUriComplete ?? authorization.VerificationUri, now.AddSeconds(authorization.ExpiresIn ?? 600),
            authorization.Interval is > 0 ? authorization.Interval.Value : DefaultIntervalSeconds);
    }

    /// <summary>Polls CreateToken until the user confirms (the token is cached), denies, the code expires, or the caller cancels.</summary>
    public async Task<SsoSignInResult> CompleteAsync(SsoDeviceAuthorization authorization, IActivityReporter reporter, int activityId,
        CancellationToken cancellationToken)
    {
        using var client = AwsClientFactory.SsoOidc(_context);
        var interval = authorization.IntervalSeconds;
        var activity = $"Waiting for the sign-in to {_session.DisplayName}";
        try
        {
            while (true)
            {
                var left = authorization.ExpiresAtUtc - _now();
                if (left <= TimeSpan.Zero)
                {
                    throw Errors.SsoDeviceCodeExpired.New(_session.DisplayName, _session.DisplayName);
                }

                reporter.Progress(activityId, activity,
                    $"Confirm code {authorization.UserCode} at {authorization.VerificationUri} ({(int)left.TotalMinutes}:{left.Seconds:00} left)", -1);
                var (outcome, response) = await client.CallAsync("CreateToken", async (c, token) =>
                {
                    try
                    {
                        return (PollOutcome.Token, await c.CreateTokenAsync(new CreateTokenRequest
                        {
                            ClientId = authorization.Registration.ClientId,
                            ClientSecret = authorization.Registration.ClientSecret,
                            GrantType = DeviceCodeGrant,
                            DeviceCode = authorization.DeviceCode,
                        }, token).ConfigureAwait(false));
                    }
                    catch (AuthorizationPendingException)
                    {
                        return (PollOutcome.Pending, (CreateTokenResponse?)null);
                    }
                    catch (SlowDownException)
                    {
                        return (PollOutcome.SlowDown, null);
                    }
                    catch (ExpiredTokenException)
                    {
                        return (PollOutcome.Expired, null);
                    }
                    catch (AccessDeniedException)
                    {
                        return (PollOutcome.Denied, null);
                    }
                }, cancellationToken, _session.DisplayName).ConfigureAwait(false);

                switch (outcome)
                {
                    case PollOutcome.Token:
                        return Store(response!, authorization.Registration, refreshed: false, previousRefreshToken: null);
                    case PollOutcome.Expired:
                        throw Errors.SsoDeviceCodeExpired.New(_session.DisplayName, _session.DisplayName);
                    case PollOutcome.Denied:
                        throw Errors.SsoSignInDenied.New(_session.DisplayName, _session.DisplayName);
                    case PollOutcome.SlowDown:
                        interval += SlowDownSeconds;
                        reporter.Verbose($"IAM Identity Center asked to poll more slowly: every {interval} s now.");
                        break;
                }

                await _delay(TimeSpan.FromSeconds(interval), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            reporter.CompleteProgress(activityId, activity);
        }
    }

    private SsoSignInResult Store(CreateTokenResponse response, SsoRegistration registration, bool refreshed, string? previousRefreshToken)
    {
        var expires = _now().AddSeconds(response.ExpiresIn ?? 0);
        _cache.WriteToken(_session, new SsoToken
        {
            StartUrl = _session.StartUrl,
            Region = _session.Region,
            AccessToken = response.AccessToken,
            ExpiresAtUtc = expires,
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            RegistrationExpiresAtUtc = registration.ExpiresAtUtc,
            RefreshToken = response.RefreshToken ?? previousRefreshToken,
        });
        return new SsoSignInResult(_session.Name, _session.StartUrl, _session.Region, expires.ToLocalTime(), refreshed ? "RefreshToken" : "DeviceCode");
    }

    private enum PollOutcome
    {
        Token,
        Pending,
        SlowDown,
        Expired,
        Denied,
    }
}

/// <summary>What the user must do to sign in: open the URL and confirm the code. No secret in it.</summary>
internal sealed class SsoDeviceAuthorization
{
    internal SsoDeviceAuthorization(SsoRegistration registration, string deviceCode, string userCode, string verificationUri,
        string verificationUriComplete, DateTime expiresAtUtc, int intervalSeconds)
    {
        Registration = registration;
        DeviceCode = deviceCode;
        UserCode = userCode;
        VerificationUri = verificationUri;
        VerificationUriComplete = verificationUriComplete;
        ExpiresAtUtc = expiresAtUtc;
        IntervalSeconds = intervalSeconds;
    }

    public string UserCode { get; }

    public string VerificationUri { get; }

    /// <summary>The URL with the code filled in: what the browser opens.</summary>
    public string VerificationUriComplete { get; }

    public DateTime ExpiresAtUtc { get; }

    public int IntervalSeconds { get; }

    internal SsoRegistration Registration { get; }

    internal string DeviceCode { get; }

    public override string ToString() => $"Open {VerificationUri} and confirm the code {UserCode}.";
}

/// <summary>Connect-AwsSso's output: which session is signed in, until when. Never the token.</summary>
public sealed class SsoSignInResult
{
    public SsoSignInResult(string? ssoSession, string startUrl, string ssoRegion, DateTime expiresAt, string method)
    {
        SsoSession = ssoSession;
        StartUrl = startUrl;
        SsoRegion = ssoRegion;
        ExpiresAt = expiresAt;
        Method = method;
    }

    /// <summary>The sso-session name; empty for a legacy profile's start URL.</summary>
    public string? SsoSession { get; }

    public string StartUrl { get; }

    public string SsoRegion { get; }

    /// <summary>When the access token expires, local time.</summary>
    public DateTime ExpiresAt { get; }

    /// <summary>How the token was obtained: DeviceCode (the browser) or RefreshToken (no browser).</summary>
    public string Method { get; }
}
