using System;
using System.Management.Automation;
using AwsWiki.Aws;

namespace AwsWiki.Commands.Internal;

/// <summary>Turns failures from the core library and the AWS SDK into specific ErrorRecords (SDK codes via <see cref="AwsFailureClassifier"/>).</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target)
    {
        switch (exception)
        {
            case AwsWikiException known:
                return new ErrorRecord(known, known.ErrorId, ToCategory(known.Kind), known.Target ?? target);
            case OperationCanceledException canceled:
                return new ErrorRecord(canceled, "OperationCanceled", ErrorCategory.OperationStopped, target);
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return From(aggregate.InnerExceptions[0], target);
            default:
                var aws = AwsFailureClassifier.Classify(exception);
                return aws is { } classified
                    ? new ErrorRecord(exception, classified.ErrorId, ToCategory(classified.Kind), target)
                    : new ErrorRecord(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
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
}
