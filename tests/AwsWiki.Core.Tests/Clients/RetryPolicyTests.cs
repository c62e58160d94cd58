using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Core.Tests.Clients;

/// <summary>
/// The SDKs' standard retry rules: full-jitter backoff capped at 20 s, the throttling and transient
/// error codes botocore's standard mode lists, and the retry quota (500, 5 a retry, 10 after a timeout).
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.Default;

    // The quota is per endpoint and process-wide: each test takes its own endpoint.
    private static string NewEndpoint() => "https://" + Guid.NewGuid().ToString("N") + ".example.test";

    [Theory]
    [InlineData(429, null)]
    [InlineData(400, "Throttling")]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "RequestLimitExceeded")]
    [InlineData(503, "SlowDown")]
    [InlineData(400, "EC2ThrottledException")]
    [InlineData(400, "TooManyRequestsException")]
    public void IsThrottling_True(int status, string? code) => Assert.True(RetryPolicy.IsThrottling((HttpStatusCode)status, code));

    [Theory]
    [InlineData(400, "AccessDenied")]
    [InlineData(503, null)]
    [InlineData(400, "throttling")]
    public void IsThrottling_False(int status, string? code) => Assert.False(RetryPolicy.IsThrottling((HttpStatusCode)status, code));

    [Theory]
    [InlineData(500, null)]
    [InlineData(502, null)]
    [InlineData(503, null)]
    [InlineData(504, null)]
    [InlineData(400, "RequestTimeout")]
    [InlineData(400, "InternalError")]
    [InlineData(200, "ServiceUnavailable")]
    [InlineData(429, null)]
    public void IsRetryable_True(int status, string? code) => Assert.True(Policy.IsRetryable((HttpStatusCode)status, code));

    [Theory]
    [InlineData(400, "ValidationError")]
    [InlineData(403, "AccessDenied")]
    [InlineData(404, null)]
    [InlineData(501, null)]
    [InlineData(400, "ExpiredToken")]
    public void IsRetryable_False(int status, string? code) => Assert.False(Policy.IsRetryable((HttpStatusCode)status, code));

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(5, 16000)]
    [InlineData(6, 20000)]
    [InlineData(40, 20000)]
    public void DelayBefore_IsFullJitterUnderTheCap(int retry, double maxMilliseconds)
    {
        var delays = Enumerable.Range(0, 200).Select(_ => Policy.DelayBefore(retry).TotalMilliseconds).ToList();
        Assert.All(delays, d => Assert.InRange(d, 0, maxMilliseconds));
        // Full jitter spreads the waits: 200 draws do not all land in the lower half.
        Assert.Contains(delays, d => d > maxMilliseconds / 2);
    }

    [Fact]
    public void DelayBefore_FollowsBaseDelay()
    {
        var policy = new RetryPolicy(AwsRetrySettings.Default) { BaseDelay = TimeSpan.FromMilliseconds(10) };
        Assert.All(Enumerable.Range(0, 100), _ => Assert.InRange(policy.DelayBefore(3).TotalMilliseconds, 0, 40));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0.5, 0.5)]
    [InlineData(60, 20)]
    [InlineData(-3, 0)]
    public void DelayBefore_RetryAfterIsHonouredWithinBounds(double askedSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Policy.DelayBefore(1, TimeSpan.FromSeconds(askedSeconds)));

    [Fact]
    public void Quota_AllowsHundredRetries_ThenRefuses()
    {
        var endpoint = NewEndpoint();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(Policy.TryAcquireRetry(endpoint, afterTimeout: false, out var cost));
            Assert.Equal(5, cost);
        }

        Assert.False(Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _));
    }

    [Fact]
    public void Quota_RetryAfterTimeoutCostsTen()
    {
        var endpoint = NewEndpoint();
        var granted = 0;
        while (Policy.TryAcquireRetry(endpoint, afterTimeout: true, out var cost))
        {
            Assert.Equal(10, cost);
            granted++;
        }

        Assert.Equal(50, granted);
    }

    [Fact]
    public void Quota_SuccessPaysBackTheRetryCost()
    {
        var endpoint = NewEndpoint();
        while (Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _))
        {
        }

        Policy.OnSuccess(endpoint, retryCostPaid: 5);
        Assert.True(Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _));
        Assert.False(Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _));
    }

    [Fact]
    public void Quota_FirstTimeSuccessAddsOne_UpToTheCapacity()
    {
        var endpoint = NewEndpoint();
        for (var i = 0; i < 10; i++)
        {
            Policy.OnSuccess(endpoint, retryCostPaid: 0);
        }

        var granted = 0;
        while (Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _))
        {
            granted++;
        }

        Assert.Equal(100, granted);
        for (var i = 0; i < 5; i++)
        {
            Policy.OnSuccess(endpoint, retryCostPaid: 0);
        }

        Assert.True(Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _));
    }

    [Fact]
    public void Quota_EndpointsAreIndependent_AndCaseInsensitive()
    {
        var endpoint = NewEndpoint();
        while (Policy.TryAcquireRetry(endpoint, afterTimeout: false, out _))
        {
        }

        Assert.False(Policy.TryAcquireRetry(endpoint.ToUpperInvariant(), afterTimeout: false, out _));
        Assert.True(Policy.TryAcquireRetry(NewEndpoint(), afterTimeout: false, out _));
    }

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("1.5", 1.5)]
    public void RetryAfter_Seconds(string header, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.RetryAfter(response));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.InRange(RetryPolicy.RetryAfter(response)!.Value.TotalSeconds, 25, 31);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-2")]
    public void RetryAfter_AbsentOrUnreadable_IsNull(string? header)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        Assert.Null(RetryPolicy.RetryAfter(response));
    }

    [Fact]
    public void MaxAttempts_ComesFromTheSettings() =>
        Assert.Equal(7, new RetryPolicy(new AwsRetrySettings(AwsRetryMode.Adaptive, 7)).MaxAttempts);
}
