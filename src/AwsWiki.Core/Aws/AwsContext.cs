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
            return Checked(_endpointUrl!, "-EndpointUrl");
        }

        if (string.Equals(_environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var specific = _environment(service.EndpointVariable);
        if (!string.IsNullOrEmpty(specific))
        {
            return Checked(specific!, service.EndpointVariable);
        }

        var general = _environment("AWS_ENDPOINT_URL");
        return string.IsNullOrEmpty(general) ? null : Checked(general!, "AWS_ENDPOINT_URL");
    }

    /// <summary>An endpoint must be an absolute http or https URL: anything else would fail later with a transport error that names nothing.</summary>
    private static string Checked(string endpoint, string source)
    {
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw Errors.InvalidEndpointUrl.New(endpoint, endpoint, source);
        }

        return endpoint.Trim();
    }

    /// <summary>The region to sign requests for this service with.</summary>
    public string SigningRegionFor(AwsService service) => service.GlobalSigningRegion ?? Region.SystemName;

    /// <summary>How long one request may take, its retries included: -TimeoutSec, else <see cref="RequestDeadline.DefaultLimit"/>.</summary>
    public TimeSpan Timeout { get; internal set; } = RequestDeadline.DefaultLimit;

    /// <summary>Retry mode and attempts for every client of this call (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, the profile's settings).</summary>
    public AwsRetrySettings Retry => _retry ??= AwsRetrySettings.Resolve(_environment, ProfileName);

    /// <summary>The endpoint a service's requests go to, for messages: the override, else the service's regional endpoint.</summary>
    public string EndpointNameFor(AwsService service) =>
        EndpointFor(service) ?? $"https://{service.SigningName}.{SigningRegionFor(service)}.amazonaws.com";

    internal void UseRetry(AwsRetrySettings settings) => _retry = settings;

    /// <summary>The same credentials, endpoints, timeout and retry policy in another region (null or empty: this one).</summary>
    public AwsContext ForRegion(string? region)
    {
        if (string.IsNullOrEmpty(region) || string.Equals(region, RegionName, StringComparison.Ordinal))
        {
            return this;
        }

        return new AwsContext(Credentials, AwsContextResolver.RegionOf(region!), ProfileName, CredentialSource, _endpointUrl, _environment)
        {
            Timeout = Timeout,
            _retry = _retry,
        };
    }

    /// <summary>Other credentials (an assumed role's) with this context's region, endpoints, timeout and retry policy.</summary>
    public AwsContext WithCredentials(AWSCredentials credentials, string credentialSource) =>
        new(credentials, Region, ProfileName, credentialSource, _endpointUrl, _environment) { Timeout = Timeout, _retry = _retry };
}
