namespace AwsWiki;

/// <summary>
/// Why an operation failed. The names match System.Management.Automation.ErrorCategory so the
/// cmdlet layer maps them by name; the core library stays free of PowerShell.
/// </summary>
public enum FailureKind
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    PermissionDenied,
    LimitsExceeded,
    OperationTimeout,
    ConnectionError,
    AuthenticationError,
    OperationStopped,
    ReadError,
}
