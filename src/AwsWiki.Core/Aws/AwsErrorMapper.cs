using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Xml;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace AwsWiki.Aws;

/// <summary>
/// The one error mapping of the call path: whatever a request to AWS failed with (an SDK service
/// exception, a hand-written client's error answer, a socket, TLS or HTTP failure, an answer that
/// is not the protocol's XML or JSON) becomes an <see cref="AwsWikiException"/> with a specific
/// ErrorId and category, naming the service, the operation and the endpoint. Service errors keep
/// the service's own code as their ErrorId (<see cref="AwsServiceException"/>).
/// </summary>
internal static class AwsErrorMapper
{
    private const string SdkWrapperMessage = "See inner exception";

    public static AwsWikiException Map(Exception failure, AwsService service, string operation, string endpoint, object? target = null)
    {
        var e = failure is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : failure;
        if (e is AwsWikiException known)
        {
            return known;
        }

        var name = RequestDeadline.NameOf(service);
        if (e is AmazonServiceException serviceError && (int)serviceError.StatusCode >= 400)
        {
            return ServiceError(serviceError, name, operation, endpoint, target);
        }

        if (FindUnreadable(e) is { } unreadable)
        {
            return Errors.ResponseUnreadable.Wrap(e, target ?? endpoint, name, operation, endpoint, unreadable);
        }

        if (FindTransportFailure(e) is { } reason)
        {
            return Errors.ConnectionFailed.Wrap(e, target ?? endpoint, name, operation, endpoint, reason);
        }

        if (e is AmazonServiceException { ErrorCode.Length: > 0 } coded)
        {
            return ServiceError(coded, name, operation, endpoint, target);
        }

        return Errors.AwsRequestFailed.Wrap(e, target ?? endpoint, name, operation, endpoint, Innermost(e));
    }

    /// <summary>Which category a service's error code belongs to.</summary>
    public static FailureKind KindOf(string code, HttpStatusCode status)
    {
        if (Has(code, "NotFound") || code.StartsWith("NoSuch", StringComparison.Ordinal) || status == HttpStatusCode.NotFound)
        {
            return FailureKind.ObjectNotFound;
        }

        if (Has(code, "AccessDenied") || Has(code, "Unauthorized") || Has(code, "Forbidden") || status == HttpStatusCode.Forbidden)
        {
            return FailureKind.PermissionDenied;
        }

        if (Has(code, "Throttl") || Has(code, "LimitExceeded") || Has(code, "TooManyRequests") || (int)status == 429)
        {
            return FailureKind.LimitsExceeded;
        }

        if (Has(code, "AlreadyExists") || code.StartsWith("Duplicate", StringComparison.Ordinal))
        {
            return FailureKind.ResourceExists;
        }

        if (Has(code, "Invalid") || Has(code, "Validation") || Has(code, "Malformed"))
        {
            return FailureKind.InvalidArgument;
        }

        if (Has(code, "Token") || Has(code, "Signature") || Has(code, "Credential") || status == HttpStatusCode.Unauthorized)
        {
            return FailureKind.AuthenticationError;
        }

        return (int)status >= 500 ? FailureKind.ResourceUnavailable : FailureKind.InvalidOperation;
    }

    private static AwsServiceException ServiceError(AmazonServiceException e, string service, string operation, string endpoint, object? target)
    {
        var status = e.StatusCode;
        var code = string.IsNullOrEmpty(e.ErrorCode) ? (status == HttpStatusCode.NotFound ? "NotFound" : "HttpStatus" + (int)status) : e.ErrorCode;
        var message = e.Message ?? string.Empty;
        if (message.IndexOf(SdkWrapperMessage, StringComparison.OrdinalIgnoreCase) >= 0 || message.StartsWith("Exception of type", StringComparison.Ordinal)
            || message.StartsWith("Error making request", StringComparison.Ordinal))
        {
            // The SDK could not read the service's error body: say what is known, not "see inner exception".
            message = e.InnerException is HttpErrorResponseException ? "the answer carried no readable error message" : Innermost(e);
        }

        var text = Errors.AwsServiceError.Format(new object?[] { service, operation, endpoint, (int)status, status, code, message });
        // No target of its own: the cmdlet names what it was working on (the domain, the instance).
        return new AwsServiceException(code, KindOf(code, status), target, text, status, service, operation, endpoint, message, e);
    }

    /// <summary>A reason a person understands for a failure to reach the endpoint at all; null when the failure is something else.</summary>
    private static string? FindTransportFailure(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "the connection was refused (nothing listens there)",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name could not be resolved (DNS)",
                        SocketError.TimedOut => "the connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
                        SocketError.ConnectionReset => "the connection was reset",
                        _ => "a network error (" + socket.SocketErrorCode + ")",
                    };
                case AuthenticationException:
                    return "the TLS handshake failed (is it an http:// endpoint given as https://?)";
                case HttpRequestException http when http.Message.IndexOf("SSL", StringComparison.OrdinalIgnoreCase) >= 0:
                    return "the TLS handshake failed (is it an http:// endpoint given as https://?)";
                case HttpRequestException http when http.Message.IndexOf("status line", StringComparison.OrdinalIgnoreCase) >= 0
                                                    || http.Message.IndexOf("ended prematurely", StringComparison.OrdinalIgnoreCase) >= 0:
                    return "the endpoint did not answer as an HTTP server does";
                case NotSupportedException unsupported when unsupported.Message.IndexOf("scheme", StringComparison.OrdinalIgnoreCase) >= 0:
                    return "its scheme is not http or https";
                case HttpRequestException or WebException or IOException:
                    return "the connection failed (" + UserText.Show(cause.Message, 120) + ")";
            }
        }

        return null;
    }

    private static string? FindUnreadable(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case AmazonUnmarshallingException:
                    return "the SDK could not parse it";
                case JsonException:
                    return "it is not JSON";
                case XmlException:
                    return "it is not XML";
                case FormatException format when format.Message.StartsWith("The response", StringComparison.Ordinal):
                    return format.Message;
            }
        }

        return null;
    }

    private static string Innermost(Exception e)
    {
        var message = e.Message;
        for (var cause = e.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(cause.Message))
            {
                message = cause.Message;
            }
        }

        return message;
    }

    private static bool Has(string code, string part) => code.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
}
