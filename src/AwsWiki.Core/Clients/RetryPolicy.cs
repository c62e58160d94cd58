using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// The AWS SDKs' standard retry behaviour for the hand-written clients, so they retry exactly as
/// the SDK clients do for the same <see cref="AwsRetrySettings"/>: throttling and transient errors
/// are retried up to MaxAttempts in all, waiting min(random[0,1) x 2^(retry-1) s, 20 s) (full
/// jitter), or what a Retry-After header asks (at most 20 s); a retry quota per endpoint (500,
/// 5 per retry, 10 per retried timeout, paid back on success) stops retry storms during an
/// outage; adaptive mode adds the client-side rate limiter of <see cref="AdaptiveRateLimiter"/>.
/// </summary>
internal sealed class RetryPolicy
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    private const int QuotaCapacity = 500;
    private const int RetryCost = 5;
    private const int TimeoutRetryCost = 10;
    private const int NoRetryIncrement = 1;

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    private static readonly HashSet<int> TransientStatuses = new() { 500, 502, 503, 504 };

    private static readonly ConcurrentDictionary<string, int> Quotas = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, AdaptiveRateLimiter> Limiters = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Random Jitter = new();

    public RetryPolicy(AwsRetrySettings settings)
    {
        Settings = settings;
    }

    /// <summary>Standard mode, 3 attempts: for callers with no AWS context.</summary>
    public static RetryPolicy Default { get; } = new(AwsRetrySettings.Default);

    public AwsRetrySettings Settings { get; }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts => Settings.MaxAttempts;

    /// <summary>The backoff base: the first retry waits up to this long, each further one up to twice as long.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public static bool IsThrottling(HttpStatusCode status, string? errorCode) =>
        (int)status == 429 || (errorCode is not null && ThrottlingCodes.Contains(errorCode));

    public bool IsRetryable(HttpStatusCode status, string? errorCode) =>
        IsThrottling(status, errorCode) || TransientStatuses.Contains((int)status) || (errorCode is not null && TransientCodes.Contains(errorCode));

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxBackoff ? MaxBackoff : asked;
        }

        double random;
        lock (Jitter)
        {
            random = Jitter.NextDouble();
        }

        var exponent = Math.Min(Math.Max(retry - 1, 0), 30);
        return TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, random * BaseDelay.TotalMilliseconds * Math.Pow(2, exponent)));
    }

    /// <summary>Takes the cost of one retry from the endpoint's quota; false (no retry) when the quota is spent.</summary>
    public bool TryAcquireRetry(string endpoint, bool afterTimeout, out int cost)
    {
        cost = afterTimeout ? TimeoutRetryCost : RetryCost;
        while (true)
        {
            var available = Quotas.GetOrAdd(endpoint, QuotaCapacity);
            if (available < cost)
            {
                return false;
            }

            if (Quotas.TryUpdate(endpoint, available - cost, available))
            {
                return true;
            }
        }
    }

    /// <summary>A request succeeded: pays back what its retries took, or a little for a first-time success.</summary>
    public void OnSuccess(string endpoint, int retryCostPaid)
    {
        var refund = retryCostPaid > 0 ? retryCostPaid : NoRetryIncrement;
        Quotas.AddOrUpdate(endpoint, QuotaCapacity, (_, available) => Math.Min(QuotaCapacity, available + refund));
    }

    /// <summary>Adaptive mode: waits for the endpoint's client-side rate limiter before each attempt, the first included.</summary>
    public Task BeforeAttemptAsync(string endpoint, CancellationToken cancellationToken) =>
        Settings.Mode == AwsRetryMode.Adaptive ? Limiters.GetOrAdd(endpoint, _ => new AdaptiveRateLimiter()).AcquireAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Adaptive mode: tells the rate limiter how an attempt went.</summary>
    public void AfterAttempt(string endpoint, bool throttled)
    {
        if (Settings.Mode == AwsRetryMode.Adaptive)
        {
            Limiters.GetOrAdd(endpoint, _ => new AdaptiveRateLimiter()).Update(throttled);
        }
    }

    /// <summary>Retry-After as seconds or as an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date - DateTimeOffset.UtcNow;
        }

        // Some services send fractional seconds, which the typed header rejects.
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }
}
