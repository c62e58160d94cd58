namespace AwsWiki;

/// <summary>
/// The error catalogue: every ErrorId the module raises, with its category and its one message,
/// in alphabetical order. Service errors keep the service's own code as their ErrorId
/// (<see cref="AwsServiceError"/> is their one template). A unit test checks ids are unique and
/// match their field names.
/// </summary>
public static class Errors
{
    public static readonly ErrorTemplate InvalidWildcardPattern = new("InvalidWildcardPattern", FailureKind.InvalidArgument,
        "{0} '{1}' is not a valid wildcard pattern: {2}");

    public static readonly ErrorTemplate ProfileNotFound = new("ProfileNotFound", FailureKind.ObjectNotFound,
        "Profile '{0}' exists in neither the credentials nor the config file. 'Get-AwsProfile' lists the profiles.");

    public static readonly ErrorTemplate RequestTimedOut = new("RequestTimedOut", FailureKind.OperationTimeout,
        "The {0} request to {1} timed out after {2} s. The endpoint did not answer in time; check the endpoint and network, or allow longer with -TimeoutSec.");
}
