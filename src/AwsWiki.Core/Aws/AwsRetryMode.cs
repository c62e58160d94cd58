namespace AwsWiki.Aws;

/// <summary>The retry modes of the AWS SDKs' shared configuration (AWS_RETRY_MODE, retry_mode).</summary>
public enum AwsRetryMode
{
    /// <summary>
    /// Accepted for configurations written for other SDKs. AWS SDK for .NET v4 has no legacy mode
    /// of its own, so it behaves as <see cref="Standard"/> (3 attempts unless max_attempts says otherwise).
    /// </summary>
    Legacy,

    /// <summary>Exponential backoff with full jitter, capped at 20 s, and a retry quota per endpoint.</summary>
    Standard,

    /// <summary>Standard plus a client-side rate limiter that slows every request down after throttling.</summary>
    Adaptive,
}
