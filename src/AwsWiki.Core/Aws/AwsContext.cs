using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>Resolved credentials, region and endpoints for one cmdlet call.</summary>
public sealed class AwsContext
{
    private readonly string? _endpointUrl;
    private readonly Func<string, string?> _environment;
    private AwsRetrySettings? _retry;

    internal AwsContext(AWSCredentials credentials, RegionEndpoint region, string? profileName, string credentialSource,
        string? endpointUrl, Func<string, string?> environment)
    {
        Credentials = credentials;
        Region = region;
        ProfileName = profileName;
        CredentialSource = credentialSource;
        _endpointUrl = endpointUrl;
        _environment = environment;
    }

    public AWSCredentials Credentials { get; }

    public RegionEndpoint Region { get; }

    /// <summary>The region's system name (us-east-1): what the cmdlet assembly uses, as it names no SDK type.</summary>
    public string RegionName => Region.SystemName;

    /// <summary>The profile the credentials came from, when they came from one.</summary>
    public string? ProfileName { get; }

    /// <summary>Where the credentials came from, for verbose output (never the keys themselves).</summary>
    public string CredentialSource { get; }

    /// <summary>
    /// The endpoint override for a service: -EndpointUrl, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
    /// else AWS_ENDPOINT_URL; null means the service's normal endpoint. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
    /// turns the variables off, as in the SDKs.
    /// </summary>
    public string? EndpointFor(AwsService service)
    {
        if (!string.IsNullOrEmpty(_endpointUrl))
        {
            return _endpointUrl;
        }

        if (string.Equals(_environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var specific = _environment(service.EndpointVariable);
        if (!string.IsNullOrEmpty(specific))
        {
            return specific;
        }

        var general = _environment("AWS_ENDPOINT_URL");
        return string.IsNullOrEmpty(general) ? null : general;
    }

    /// <summary>The region to sign requests for this service with.</summary>
    public string SigningRegionFor(AwsService service) => service.GlobalSigningRegion ?? Region.SystemName;

    /// <summary>Points an SDK client config at the resolved region and endpoint.</summary>
    public TConfig Configure<TConfig>(TConfig config, AwsService service)
        where TConfig : ClientConfig
    {
        var endpoint = EndpointFor(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = Region;
        }
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = SigningRegionFor(service);
        }

        ApplyRetryAndTimeout(config);
        return config;
    }

    /// <summary>How long one request may take, its retries included: -TimeoutSec, else <see cref="RequestDeadline.DefaultLimit"/>.</summary>
    public TimeSpan Timeout { get; internal set; } = RequestDeadline.DefaultLimit;

    /// <summary>Retry mode and attempts for every client of this call (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, the profile's settings).</summary>
    public AwsRetrySettings Retry => _retry ??= AwsRetrySettings.Resolve(_environment, ProfileName);

    /// <summary>The endpoint a service's requests go to, for messages: the override, else the service's regional endpoint.</summary>
    public string EndpointNameFor(AwsService service) =>
        EndpointFor(service) ?? $"https://{service.SigningName}.{SigningRegionFor(service)}.amazonaws.com";

    /// <summary>Runs one SDK request under this call's time limit; a timeout becomes RequestTimedOut naming the endpoint.</summary>
    public Task<T> CallAsync<T>(AwsService service, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken) =>
        RequestDeadline.RunAsync(Timeout, EndpointNameFor(service), RequestDeadline.NameOf(service), request, cancellationToken);

    /// <summary>A deadline for a paging loop: restart it after each page.</summary>
    public RequestDeadline StartDeadline(AwsService service, CancellationToken cancellationToken) =>
        new(Timeout, EndpointNameFor(service), cancellationToken);

    /// <summary>The one retry and timeout policy, applied to an SDK client config.</summary>
    private void ApplyRetryAndTimeout(ClientConfig config)
    {
        config.Timeout = Timeout;
        config.RetryMode = Retry.Mode == AwsRetryMode.Adaptive ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
        config.MaxErrorRetry = Retry.MaxAttempts - 1;
    }
}
