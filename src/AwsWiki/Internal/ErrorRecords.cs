using System;
using System.Management.Automation;
using System.Net;
using Amazon.Runtime;

namespace AwsWiki.Commands.Internal;

/// <summary>Turns failures from the core library and the AWS SDK into specific ErrorRecords.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target)
    {
        switch (exception)
        {
            case AwsWikiException known:
                return new ErrorRecord(known, known.ErrorId, ToCategory(known.Kind), known.Target ?? target);
            case AmazonServiceException service:
                return new ErrorRecord(service, string.IsNullOrEmpty(service.ErrorCode) ? "AwsServiceError" : service.ErrorCode,
                    CategoryOf(service), target);
            case OperationCanceledException canceled:
                return new ErrorRecord(canceled, "OperationCanceled", ErrorCategory.OperationStopped, target);
            case AmazonClientException client:
                return new ErrorRecord(client, "AwsClientError", ErrorCategory.ConnectionError, target);
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return From(aggregate.InnerExceptions[0], target);
            default:
                return new ErrorRecord(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
        }
    }

    public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message)
    {
        return new ErrorRecord(new AwsWikiException(errorId, FailureKind.NotSpecified, target, message), errorId, category, target);
    }

    private static ErrorCategory ToCategory(FailureKind kind)
    {
        return Enum.TryParse<ErrorCategory>(kind.ToString(), out var category) ? category : ErrorCategory.NotSpecified;
    }

    private static ErrorCategory CategoryOf(AmazonServiceException exception)
    {
        var code = exception.ErrorCode ?? string.Empty;
        if (code.IndexOf("NotFound", StringComparison.OrdinalIgnoreCase) >= 0 || code.StartsWith("NoSuch", StringComparison.Ordinal) ||
            exception.StatusCode == HttpStatusCode.NotFound)
        {
            return ErrorCategory.ObjectNotFound;
        }

        if (code.IndexOf("AccessDenied", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("Unauthorized", StringComparison.OrdinalIgnoreCase) >= 0 ||
            exception.StatusCode == HttpStatusCode.Forbidden)
        {
            return ErrorCategory.PermissionDenied;
        }

        if (code.IndexOf("Throttl", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("LimitExceeded", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return ErrorCategory.LimitsExceeded;
        }

        if (code.IndexOf("AlreadyExists", StringComparison.OrdinalIgnoreCase) >= 0 || code.StartsWith("Duplicate", StringComparison.Ordinal))
        {
            return ErrorCategory.ResourceExists;
        }

        if (code.IndexOf("Invalid", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("Validation", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return ErrorCategory.InvalidArgument;
        }

        if (code.IndexOf("Token", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("Signature", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return ErrorCategory.AuthenticationError;
        }

        return (int)exception.StatusCode >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation;
    }
}
