using System;
using System.Collections.Generic;
using System.Net;

namespace AwsWiki.Clients;

/// <summary>
/// When and how long to wait before trying a request again: throttling, 5xx and broken
/// connections are retried with exponential backoff and full jitter, as the AWS SDKs do.
/// </summary>
public sealed class RetryPolicy
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    private readonly Random _random = new();

    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsRetryable(HttpStatusCode status, string? errorCode)
    {
        var code = (int)status;
        return code == 429 || code >= 500 || (errorCode is not null && ThrottlingCodes.Contains(errorCode));
    }

    public TimeSpan DelayBefore(int retry)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        lock (_random)
        {
            return TimeSpan.FromMilliseconds(_random.NextDouble() * ceiling);
        }
    }
}
