using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// Sends one signed request to an AWS service for the hand-written clients (services whose SDK
/// package our NuGet source lacks). It owns what every protocol shares: endpoint resolution,
/// SigV4 signing with AWSSDK.Core's signer, the one retry and timeout policy
/// (<see cref="RetryPolicy"/>, <see cref="RequestDeadline"/>), and turning an error response
/// into an <see cref="AmazonServiceException"/> with the service's own code and message, so
/// callers handle SDK and hand-written clients alike.
/// </summary>
internal sealed class AwsRequestSender
{
    private static readonly HttpClient SharedHttp = new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private readonly AwsContext _context;
    private readonly AwsService _service;
    private readonly HttpClient _http;

    /// <param name="defaultEndpoint">The service's endpoint when no override is configured, e.g. https://acm.us-east-1.amazonaws.com.</param>
    /// <param name="http">A test's own handler; the shared client otherwise.</param>
    internal AwsRequestSender(AwsContext context, AwsService service, string defaultEndpoint, HttpClient? http = null)
    {
        _context = context;
        _service = service;
        _http = http ?? SharedHttp;
        Endpoint = new Uri((context.EndpointFor(service) ?? defaultEndpoint).TrimEnd('/') + "/");
        RetryPolicy = new RetryPolicy(context.Retry);
    }

    public Uri Endpoint { get; }

    public RetryPolicy RetryPolicy { get; }

    /// <summary>How long one request may take, its retries included (the context's -TimeoutSec).</summary>
    public TimeSpan Timeout => _context.Timeout;

    /// <summary>
    /// Sends the request through the call path (<see cref="AwsCall"/>: deadline, cancellation, error
    /// mapping), retrying throttling and transient failures as the SDK clients do. An error answer
    /// becomes an <see cref="AwsServiceException"/> with the service's code.
    /// </summary>
    /// <param name="operation">The API operation, for messages (CreateLoadBalancer).</param>
    /// <param name="pathAndQuery">Relative to the endpoint, without a leading slash; already URL-encoded.</param>
    public Task<AwsHttpResponse> SendAsync(string operation, HttpMethod method, string pathAndQuery, byte[]? body, string? contentType,
        IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var uri = new Uri(Endpoint, pathAndQuery);
        return AwsCall.RunAsync(_context, _service, operation,
            token => SendWithRetriesAsync(method, uri, body, contentType, headers, token), cancellationToken,
            endpointName: Endpoint.AbsoluteUri.TrimEnd('/'));
    }

    /// <summary>
    /// The JSON 1.0/1.1 protocols (ACM, Price List, Organizations, Tagging, Service Quotas): a POST to
    /// "/" naming the operation in X-Amz-Target, the request serialized from name/value pairs (the one
    /// way the hand-written clients write JSON bodies); the answer parsed (an empty answer as {}).
    /// </summary>
    /// <param name="target">The service's target prefix and the operation, e.g. CertificateManager.ListCertificates.</param>
    public async Task<JsonDocument> SendJsonAsync(string target, IReadOnlyDictionary<string, object?> request, CancellationToken cancellationToken,
        string contentType = "application/x-amz-json-1.1")
    {
        var headers = new Dictionary<string, string> { ["X-Amz-Target"] = target };
        var operation = target.Substring(target.LastIndexOf('.') + 1);
        var body = JsonSerializer.SerializeToUtf8Bytes(request.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value));
        var response = await SendAsync(operation, HttpMethod.Post, string.Empty, body, contentType, headers, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(response.Body) ? "{}" : response.Body);
        }
        catch (JsonException e)
        {
            throw AwsErrorMapper.Map(e, _service, operation, Endpoint.AbsoluteUri.TrimEnd('/'));
        }
    }

    private async Task<AwsHttpResponse> SendWithRetriesAsync(HttpMethod method, Uri uri, byte[]? body, string? contentType,
        IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var quotaKey = Endpoint.AbsoluteUri;
        var retryCostPaid = 0;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RetryPolicy.BeforeAttemptAsync(quotaKey, cancellationToken).ConfigureAwait(false);
            Exception failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = await BuildSignedRequestAsync(method, uri, body, contentType, headers, cancellationToken).ConfigureAwait(false);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var text = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var requestId = FirstHeader(response, "x-amzn-RequestId") ?? FirstHeader(response, "x-amz-request-id");
                if (response.IsSuccessStatusCode)
                {
                    RetryPolicy.AfterAttempt(quotaKey, throttled: false);
                    RetryPolicy.OnSuccess(quotaKey, retryCostPaid);
                    return new AwsHttpResponse(response.StatusCode, text, requestId);
                }

                var error = ParseError(response.StatusCode, text, FirstHeader(response, "x-amzn-ErrorType"), requestId);
                RetryPolicy.AfterAttempt(quotaKey, RetryPolicy.IsThrottling(response.StatusCode, error.ErrorCode));
                if (!RetryPolicy.IsRetryable(response.StatusCode, error.ErrorCode))
                {
                    throw error;
                }

                failure = error;
                retryAfter = RetryPolicy.RetryAfter(response);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(e))
            {
                failure = new AmazonServiceException($"{_service} request to {uri.GetLeftPart(UriPartial.Path)} failed after {attempt} attempt(s): {e.Message}",
                    e, ErrorType.Unknown, "RequestFailed", null, (HttpStatusCode)0);
            }

            if (attempt >= RetryPolicy.MaxAttempts || !RetryPolicy.TryAcquireRetry(quotaKey, afterTimeout: false, out var cost))
            {
                throw failure;
            }

            retryCostPaid += cost;
            await Task.Delay(RetryPolicy.DelayBefore(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpRequestMessage> BuildSignedRequestAsync(HttpMethod method, Uri uri, byte[]? body, string? contentType,
        IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var signingHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                signingHeaders[header.Key] = header.Value;
            }
        }

        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = method,
            RequestUri = uri,
            Content = body ?? Array.Empty<byte>(),
        };
        foreach (var header in signingHeaders)
        {
            signingRequest.Headers[header.Key] = header.Value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = _context.Credentials,
            Region = Amazon.RegionEndpoint.GetBySystemName(_context.SigningRegionFor(_service)),
            Service = _service.SigningName,
            SignPayload = true,
        };
        var signed = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken).ConfigureAwait(false);

        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var header in signingHeaders.Concat(signed.Headers))
        {
            if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    /// <summary>Reads the error code and message from any of the three wire formats: JSON, Query XML, REST XML.</summary>
    internal AmazonServiceException ParseError(HttpStatusCode status, string body, string? errorTypeHeader, string? requestId)
    {
        string? code = null;
        string? message = null;
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(trimmed);
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (property.NameEquals("__type") || property.NameEquals("code") || property.NameEquals("Code"))
                    {
                        code ??= property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message ??= property.Value.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all; the status code still says what happened.
            }
        }
        else if (trimmed.StartsWith("<", StringComparison.Ordinal))
        {
            code = Regex.Match(trimmed, "<Code>(.*?)</Code>", RegexOptions.Singleline).Groups[1].Value;
            message = WebUtility.HtmlDecode(Regex.Match(trimmed, "<Message>(.*?)</Message>", RegexOptions.Singleline).Groups[1].Value);
            requestId ??= Regex.Match(trimmed, "<RequestId>(.*?)</RequestId>").Groups[1].Value;
        }

        code = string.IsNullOrEmpty(code) ? errorTypeHeader : code;
        if (code is not null)
        {
            // JSON protocols may qualify the code ("com.amazon.coral#ValidationException") or append details ("Code:http://...").
            code = code.Substring(code.LastIndexOf('#') + 1);
            var colon = code.IndexOf(':');
            code = colon > 0 ? code.Substring(0, colon) : code;
        }

        if (string.IsNullOrEmpty(code))
        {
            code = status == HttpStatusCode.NotFound ? "NotFound" : "HttpStatus" + (int)status;
        }

        if (string.IsNullOrEmpty(message))
        {
            message = $"{_service} answered HTTP {(int)status} {status}.";
        }

        var errorType = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message, null, errorType, code, string.IsNullOrEmpty(requestId) ? null : requestId, status);
    }

    private static bool IsTransportFailure(Exception e)
    {
        return e is HttpRequestException or IOException or TaskCanceledException or OperationCanceledException or WebException;
    }

    private static string? FirstHeader(HttpResponseMessage response, string name)
    {
        return response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
