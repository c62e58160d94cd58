using System;
using System.Management.Automation;

namespace AwsWiki.Commands.Internal;

/// <summary>
/// Turns failures into ErrorRecords. Every AWS failure reaches here already mapped by the call
/// path (an AwsWikiException with its ErrorId and category); anything else is a bug, reported as
/// UnexpectedError rather than hidden.
/// </summary>
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
                return new ErrorRecord(exception, "UnexpectedError", ErrorCategory.NotSpecified, target);
        }
    }

    private static ErrorCategory ToCategory(FailureKind kind)
    {
        return Enum.TryParse<ErrorCategory>(kind.ToString(), out var category) ? category : ErrorCategory.NotSpecified;
    }
}
