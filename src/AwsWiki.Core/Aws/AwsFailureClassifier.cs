using System;
using System.Net;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>
/// Gives a failure from the AWS SDK (or a hand-written client, which throws the SDK's exception
/// types) a stable ErrorId and a category. It lives here, not in the cmdlet assembly, because the
/// cmdlet assembly must name no AWS SDK type: the SDK loads into the module's own load context.
/// </summary>
public static class AwsFailureClassifier
{
    /// <summary>Null when the exception is not an AWS SDK exception.</summary>
    public static (string ErrorId, FailureKind Kind)? Classify(Exception exception)
    {
        return exception switch
        {
            AmazonServiceException service => (string.IsNullOrEmpty(service.ErrorCode) ? "AwsServiceError" : service.ErrorCode, KindOf(service)),
            AmazonClientException => ("AwsClientError", FailureKind.ConnectionError),
            _ => null,
        };
    }

    private static FailureKind KindOf(AmazonServiceException exception)
    {
        var code = exception.ErrorCode ?? string.Empty;
        if (Has(code, "NotFound") || code.StartsWith("NoSuch", StringComparison.Ordinal) || exception.StatusCode == HttpStatusCode.NotFound)
        {
            return FailureKind.ObjectNotFound;
        }

        if (Has(code, "AccessDenied") || Has(code, "Unauthorized") || exception.StatusCode == HttpStatusCode.Forbidden)
        {
            return FailureKind.PermissionDenied;
        }

        if (Has(code, "Throttl") || Has(code, "LimitExceeded"))
        {
            return FailureKind.LimitsExceeded;
        }

        if (Has(code, "AlreadyExists") || code.StartsWith("Duplicate", StringComparison.Ordinal))
        {
            return FailureKind.ResourceExists;
        }

        if (Has(code, "Invalid") || Has(code, "Validation"))
        {
            return FailureKind.InvalidArgument;
        }

        if (Has(code, "Token") || Has(code, "Signature"))
        {
            return FailureKind.AuthenticationError;
        }

        return (int)exception.StatusCode >= 500 ? FailureKind.ResourceUnavailable : FailureKind.InvalidOperation;
    }

    private static bool Has(string code, string part) => code.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
}
