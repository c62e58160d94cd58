namespace AwsWiki;

/// <summary>
/// The error catalogue: every ErrorId the module raises, with its category and its one message,
/// in alphabetical order. Service errors keep the service's own code as their ErrorId
/// (<see cref="AwsServiceError"/> is their one template). A unit test checks ids are unique and
/// match their field names.
/// </summary>
public static class Errors
{
    public static readonly ErrorTemplate InstanceQueryFailed = new("InstanceQueryFailed", FailureKind.ResourceUnavailable,
        "The instances could not be listed.");

    public static readonly ErrorTemplate OrganizationRoleUnusable = new("OrganizationRoleUnusable", FailureKind.AuthenticationError,
        "The organization role could not be assumed.");

    public static readonly ErrorTemplate OrganizationUnreadable = new("OrganizationUnreadable", FailureKind.PermissionDenied,
        "The organization's accounts could not be listed.");

    public static readonly ErrorTemplate ProfileUnusable = new("ProfileUnusable", FailureKind.AuthenticationError,
        "The account of the profile could not be read.");

    public static readonly ErrorTemplate RegionListUnavailable = new("RegionListUnavailable", FailureKind.ResourceUnavailable,
        "The account's regions could not be listed.");

    public static readonly ErrorTemplate AccessKeyWithoutSecretKey = new("AccessKeyWithoutSecretKey", FailureKind.InvalidArgument,
        "-AccessKey and -SecretKey must be given together; -SecretKey is missing.");

    public static readonly ErrorTemplate ApplyOnlyAtCronIntervalNeedsCron = new("ApplyOnlyAtCronIntervalNeedsCron", FailureKind.InvalidArgument,
        "-ApplyOnlyAtCronInterval works with cron schedules only: give -Schedule a cron expression, for example 'cron(0 2 ? * SUN *)', not '{0}'.");

    public static readonly ErrorTemplate AssociationNotFound = new("AssociationNotFound", FailureKind.ObjectNotFound,
        "No essentials association for {0} in {1}; nothing was changed. List them with Get-AmazonLinuxEssentialsAssociation, create one with Register-AmazonLinuxEssentials.");

    public static readonly ErrorTemplate CertificateDoesNotCoverDomain = new("CertificateDoesNotCoverDomain", FailureKind.InvalidArgument,
        "Certificate {0} is for {1}, not {2}.");

    public static readonly ErrorTemplate CertificateInOtherRegion = new("CertificateInOtherRegion", FailureKind.InvalidArgument,
        "Certificate {0} is in region {1}; the load balancer is in {2} and can only use a certificate from there.");

    public static readonly ErrorTemplate CertificateNotFound = new("CertificateNotFound", FailureKind.ObjectNotFound,
        "Certificate {0} does not exist.");

    public static readonly ErrorTemplate CertificateNotUsable = new("CertificateNotUsable", FailureKind.InvalidArgument,
        "Certificate {0} is {1}; only an ISSUED or PENDING_VALIDATION certificate can be used.");

    public static readonly ErrorTemplate CertificateValidationFailed = new("CertificateValidationFailed", FailureKind.InvalidOperation,
        "Certificate {0} became {1} instead of ISSUED. {2}");

    public static readonly ErrorTemplate CertificateValidationTimeout = new("CertificateValidationTimeout", FailureKind.OperationTimeout,
        "Certificate {0} for {1} is still PENDING_VALIDATION after {2}. Its validation record: {3}. {4} Run the same command again to finish once ACM has validated the domain.");

    public static readonly ErrorTemplate CredentialNotSupported = new("CredentialNotSupported", FailureKind.InvalidArgument,
        "{0} holds {1}; AwsWiki takes " + Credentials.CredentialObjects.Expected + "{2}.");

    public static readonly ErrorTemplate CredentialProcessFailed = new("CredentialProcessFailed", FailureKind.AuthenticationError,
        "The credential_process of profile '{0}' gave no credentials: {1}. Its output is not shown (it may hold secrets); run the command yourself to see it.");

    public static readonly ErrorTemplate CredentialsTimedOut = new("CredentialsTimedOut", FailureKind.OperationTimeout,
        "The credentials from {0} did not come within {1} s (timed out). Check the SSO portal, STS or credential process they need, or allow longer with -TimeoutSec.");

    public static readonly ErrorTemplate CredentialsUnusable = new("CredentialsUnusable", FailureKind.AuthenticationError,
        "The credentials from {0} cannot be used: {1}");

    public static readonly ErrorTemplate DomainRecordExists = new("DomainRecordExists", FailureKind.ResourceExists,
        "Zone {0} already has a {1} record for {2} that this module did not create; remove it first (nothing was changed).");

    public static readonly ErrorTemplate EntryPointBusy = new("EntryPointBusy", FailureKind.ResourceUnavailable,
        "Another New-HttpsEntryPoint for {0} in {1} has been running on this machine for more than {2} s (lock {3}); nothing was changed. Run again when it has finished.");

    public static readonly ErrorTemplate EntryPointNotFound = new("EntryPointNotFound", FailureKind.ObjectNotFound,
        "No HTTPS entry point for {0} in {1}: nothing carries its awswiki:entry-point tag.");

    public static readonly ErrorTemplate EntryPointSettingsDiffer = new("EntryPointSettingsDiffer", FailureKind.ResourceExists,
        "The {0} of the entry point for {1} already exists as {2}, not {3} as this run asks: another run with other settings made it. Remove-HttpsEntryPoint {1} first, or run again with its settings.");

    public static readonly ErrorTemplate EssentialsFailed = new("EssentialsFailed", FailureKind.InvalidOperation,
        "Essentials on {0} ended {1}{2} (SSM command {3}).");

    public static readonly ErrorTemplate GpuTopologyCommandFailed = new("GpuTopologyCommandFailed", FailureKind.InvalidOperation,
        "Instance {0}: SSM command {1} ended {2}{3}");

    public static readonly ErrorTemplate HostedZoneDoesNotMatch = new("HostedZoneDoesNotMatch", FailureKind.InvalidArgument,
        "{0} is not in hosted zone {1} ({2}).");

    public static readonly ErrorTemplate HostedZoneNotFound = new("HostedZoneNotFound", FailureKind.ObjectNotFound,
        "No public Route 53 hosted zone {0}. Create the zone for the domain first, or pass -HostedZoneId.");

    public static readonly ErrorTemplate InstanceNotFound = new("InstanceNotFound", FailureKind.ObjectNotFound,
        "Instance(s) not found: {0}");

    public static readonly ErrorTemplate InstanceNotManaged = new("InstanceNotManaged", FailureKind.ResourceUnavailable,
        "Instance {0} is not managed by SSM (no SSM Agent registration in this account and region; check the agent and the instance profile's AmazonSSMManagedInstanceCore policy). {1}");

    public static readonly ErrorTemplate InstanceNotOnline = new("InstanceNotOnline", FailureKind.ResourceUnavailable,
        "Instance {0} is managed by SSM but its agent is {1}, not Online. Skipped.");

    public static readonly ErrorTemplate InstancesInDifferentVpcs = new("InstancesInDifferentVpcs", FailureKind.InvalidArgument,
        "The instances must all be in one VPC; they are in: {0}.");

    public static readonly ErrorTemplate InvalidAssumeRoleProfile = new("InvalidAssumeRoleProfile", FailureKind.InvalidData,
        "Profile '{0}' has role_arn, but {1}.");

    public static readonly ErrorTemplate InvalidCapacityBlockDuration = new("InvalidCapacityBlockDuration", FailureKind.InvalidArgument,
        "A Capacity Block lasts whole days from 24 to 336 hours, or whole weeks up to 4368 hours; {0} is neither.");

    public static readonly ErrorTemplate InvalidCertificateArn = new("InvalidCertificateArn", FailureKind.InvalidArgument,
        "'{0}' is not an ACM certificate ARN.");

    public static readonly ErrorTemplate InvalidCertificateTimeout = new("InvalidCertificateTimeout", FailureKind.InvalidArgument,
        "-CertificateTimeout must be positive.");

    public static readonly ErrorTemplate InvalidDomainName = new("InvalidDomainName", FailureKind.InvalidArgument,
        "'{0}' is not a valid domain name: expected a fully qualified host name such as www.example.com.");

    public static readonly ErrorTemplate InvalidHealthCheckPath = new("InvalidHealthCheckPath", FailureKind.InvalidArgument,
        "-HealthCheckPath '{0}' must start with '/'.");

    public static readonly ErrorTemplate InvalidInstanceId = new("InvalidInstanceId", FailureKind.InvalidArgument,
        "'{0}' is not an instance id (i-0123456789abcdef0). Nothing was sent.");

    public static readonly ErrorTemplate InvalidInstanceType = new("InvalidInstanceType", FailureKind.InvalidArgument,
        "'{0}' is not an EC2 instance type name (family.size, e.g. p4d.24xlarge).");

    public static readonly ErrorTemplate InvalidMaxAttempts = new("InvalidMaxAttempts", FailureKind.InvalidArgument,
        "{0} is '{1}'; it must be a whole number greater than 0.");

    public static readonly ErrorTemplate InvalidMaxConcurrency = new("InvalidMaxConcurrency", FailureKind.InvalidArgument,
        "-MaxConcurrency '{0}' is not a count (1, 10, ...) or a percentage (1% to 100%).");

    public static readonly ErrorTemplate InvalidMaxErrors = new("InvalidMaxErrors", FailureKind.InvalidArgument,
        "-MaxErrors '{0}' is not a count (0, 1, ...) or a percentage (0% to 100%).");

    public static readonly ErrorTemplate InvalidName = new("InvalidName", FailureKind.InvalidArgument,
        "'{0}' cannot name a load balancer: use 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen nor with 'internal-'.");

    public static readonly ErrorTemplate InvalidPackageName = new("InvalidPackageName", FailureKind.InvalidArgument,
        "'{0}' is not a package name: use letters, digits and . _ + : - only (for example 'nginx' or 'python3-devel').");

    public static readonly ErrorTemplate InvalidEndpointUrl = new("InvalidEndpointUrl", FailureKind.InvalidArgument,
        "'{0}' ({1}) is not an endpoint URL; it must be an absolute http:// or https:// URL such as http://127.0.0.1:5000.");

    public static readonly ErrorTemplate InvalidRegion = new("InvalidRegion", FailureKind.InvalidArgument,
        "'{0}' ({1}) is not an AWS region name; region names look like us-east-1 or ap-northeast-2.");

    public static readonly ErrorTemplate InvalidRetryMode = new("InvalidRetryMode", FailureKind.InvalidArgument,
        "{0} is '{1}'; it must be legacy, standard or adaptive.");

    public static readonly ErrorTemplate InvalidS3BucketName = new("InvalidS3BucketName", FailureKind.InvalidArgument,
        "-OutputS3BucketName '{0}' is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens).");

    public static readonly ErrorTemplate InvalidS3KeyPrefix = new("InvalidS3KeyPrefix", FailureKind.InvalidArgument,
        "-OutputS3KeyPrefix is {0} characters long; SSM takes at most 500.");

    public static readonly ErrorTemplate InvalidSchedule = new("InvalidSchedule", FailureKind.InvalidArgument,
        "-Schedule '{0}' is not a schedule State Manager takes: {1}");

    public static readonly ErrorTemplate InvalidFilter = new("InvalidFilter", FailureKind.InvalidArgument,
        "-Filter needs a name and at least one value in each entry, e.g. @{{ 'instance-type' = 't3.micro' }}; '{0}' has none.");

    public static readonly ErrorTemplate InvalidTag = new("InvalidTag", FailureKind.InvalidArgument,
        "-Tag is not valid: {0}.");

    public static readonly ErrorTemplate InvalidTargetPort = new("InvalidTargetPort", FailureKind.InvalidArgument,
        "-TargetPort {0} cannot be used: the load balancer serves port 80 itself and talks plain HTTP to the instances on another port, 1 to 65535 (the default is 8080).");

    public static readonly ErrorTemplate InvalidTimeout = new("InvalidTimeout", FailureKind.InvalidArgument,
        "-ExecutionTimeoutSec {0} is outside SSM's execution timeout range, 30 to 172800 seconds.");

    public static readonly ErrorTemplate NameInUse = new("NameInUse", FailureKind.ResourceExists,
        "The name '{0}' is already taken by {1} that does not belong to the entry point for {2}; pass another -Name.");

    public static readonly ErrorTemplate NoCredentials = new("NoCredentials", FailureKind.AuthenticationError,
        "No AWS credentials were found. Register an account with 'Set-AwsProfile NAME -AccessKey ... -SecretKey ...', switch to one with 'Set-AwsProfile NAME', or pass -ProfileName, -Credential or -AccessKey/-SecretKey.");

    public static readonly ErrorTemplate NoInstances = new("NoInstances", FailureKind.InvalidArgument,
        "Give at least one instance id with -InstanceId.");

    public static readonly ErrorTemplate NoInstancesMatchTag = new("NoInstancesMatchTag", FailureKind.ObjectNotFound,
        "No running or SSM-managed instance carries the tag(s) {0} in {1}. Nothing was sent.");

    public static readonly ErrorTemplate NoRegion = new("NoRegion", FailureKind.InvalidArgument,
        "No AWS region is set. Pass -Region, set AWS_REGION, or give the profile one with 'Set-AwsProfile NAME -Region REGION'.");

    public static readonly ErrorTemplate NoRegionMatched = new("NoRegionMatched", FailureKind.InvalidArgument,
        "No AWS region matches '{0}'.");

    public static readonly ErrorTemplate NoTargets = new("NoTargets", FailureKind.InvalidArgument,
        "Give -Tag, -ResourceGroupName or -InstanceId.");

    public static readonly ErrorTemplate NotEnoughAvailabilityZones = new("NotEnoughAvailabilityZones", FailureKind.InvalidArgument,
        "-SubnetId must name one subnet in each of at least two availability zones.");

    public static readonly ErrorTemplate NotEnoughPublicSubnets = new("NotEnoughPublicSubnets", FailureKind.InvalidArgument,
        "VPC {0} has public subnets in {1} availability zone(s); an Application Load Balancer needs at least two. Pass -SubnetId to choose them.");

    public static readonly ErrorTemplate MfaTokenCodeRequired = new("MfaTokenCodeRequired", FailureKind.AuthenticationError,
        "Profile '{0}' assumes its role with MFA device {1}, and no code was given. Pass the current code with -MfaTokenCode, or run the command in an interactive session to be asked for it.");

    public static readonly ErrorTemplate NvidiaSmiFailed = new("NvidiaSmiFailed", FailureKind.InvalidOperation,
        "'{0} {1}' exited with code {2}: {3}");

    public static readonly ErrorTemplate NvidiaSmiNotFound = new("NvidiaSmiNotFound", FailureKind.ObjectNotFound,
        "nvidia-smi is not on the PATH of {0}: install the NVIDIA driver (it ships nvidia-smi) or read a saved output with -Path.{1}");

    public static readonly ErrorTemplate OutputNotReadable = new("OutputNotReadable", FailureKind.ResourceUnavailable,
        "Could not read {0} for {1}: {2}");

    public static readonly ErrorTemplate ProbeReservationNotCancelled = new("ProbeReservationNotCancelled", FailureKind.ResourceUnavailable,
        "The probe's capacity reservation {0} in {1} could not be cancelled and is billed until it is: cancel it with 'aws ec2 cancel-capacity-reservation --region {1} --capacity-reservation-id {0}'. {2}");

    public static readonly ErrorTemplate ProfileCredentialsUnusable = new("ProfileCredentialsUnusable", FailureKind.AuthenticationError,
        "The credentials of profile '{0}' cannot be used: {1}");

    public static readonly ErrorTemplate ProfileFileLocked = new("ProfileFileLocked", FailureKind.ResourceUnavailable,
        "Another process has held the lock on '{0}' for more than {1} seconds.");

    public static readonly ErrorTemplate ProfileHasNoCredentials = new("ProfileHasNoCredentials", FailureKind.AuthenticationError,
        "Profile '{0}' has no usable credentials. Add keys with 'Set-AwsProfile {0} -AccessKey ... -SecretKey ...'.");

    /// <summary>A region of a GPU fan-out (live offerings, capacity) failed; used as the fan-out's wrapper, so no placeholders.</summary>
    public static readonly ErrorTemplate RegionQueryFailed = new("RegionQueryFailed", FailureKind.ResourceUnavailable,
        "The region could not be queried.");

    public static readonly ErrorTemplate S3BucketRequired = new("S3BucketRequired", FailureKind.InvalidArgument,
        "-FetchOutput and -OutputS3KeyPrefix need -OutputS3BucketName: SSM writes the full output to that bucket.");

    public static readonly ErrorTemplate SecretKeyWithoutAccessKey = new("SecretKeyWithoutAccessKey", FailureKind.InvalidArgument,
        "-AccessKey and -SecretKey must be given together; -AccessKey is missing.");

    public static readonly ErrorTemplate SendCommandFailed = new("SendCommandFailed", FailureKind.InvalidOperation,
        "SSM SendCommand failed for {0}: {1}");

    public static readonly ErrorTemplate SourceProfileLoop = new("SourceProfileLoop", FailureKind.InvalidData,
        "Profile '{0}' {1}.");

    public static readonly ErrorTemplate TooManyTargets = new("TooManyTargets", FailureKind.LimitsExceeded,
        "SSM takes at most {0} target entries (tag keys plus resource group); this call has {1}.");

    /// <summary>{1}: the provider list ("AWS", "AWS or Azure"); {2}: " Did you mean ...?" or nothing.</summary>
    public static readonly ErrorTemplate UnknownRegion = new("UnknownRegion", FailureKind.InvalidArgument,
        "Unknown region '{0}': not a region of {1}.{2}");

    public static readonly ErrorTemplate UnsupportedPlatform = new("UnsupportedPlatform", FailureKind.InvalidOperation,
        "Instance {0} runs {1}; {2} Skipped.");

    public static readonly ErrorTemplate UserDataTooLarge = new("UserDataTooLarge", FailureKind.LimitsExceeded,
        "The script is {0} bytes; EC2 user data is limited to {1} bytes. Pass fewer packages.");

    /// <summary>The ErrorId is "AwsServiceError" only when the service sent no code; otherwise the service's code (see AwsServiceException).</summary>
    public static readonly ErrorTemplate AwsServiceError = new("AwsServiceError", FailureKind.InvalidOperation,
        "{0} {1} at {2} answered HTTP {3} ({4}), {5}: {6}");

    public static readonly ErrorTemplate AwsRequestFailed = new("AwsRequestFailed", FailureKind.InvalidOperation,
        "The {0} {1} request to {2} failed: {3}");

    public static readonly ErrorTemplate ConnectionFailed = new("ConnectionFailed", FailureKind.ConnectionError,
        "The {0} {1} request to {2} could not be sent: {3}. Check the endpoint (-EndpointUrl, AWS_ENDPOINT_URL) and the network.");

    public static readonly ErrorTemplate InvalidWildcardPattern = new("InvalidWildcardPattern", FailureKind.InvalidArgument,
        "{0} '{1}' is not a valid wildcard pattern: {2}");

    public static readonly ErrorTemplate ProfileNotFound = new("ProfileNotFound", FailureKind.ObjectNotFound,
        "Profile '{0}' exists in neither the credentials nor the config file. 'Get-AwsProfile' lists the profiles.");

    public static readonly ErrorTemplate ResponseUnreadable = new("ResponseUnreadable", FailureKind.InvalidData,
        "The {0} {1} answer from {2} could not be read: {3}. Is the endpoint an AWS service or an emulator of it?");

    public static readonly ErrorTemplate RequestTimedOut = new("RequestTimedOut", FailureKind.OperationTimeout,
        "The {0} request to {1} timed out after {2} s. The endpoint did not answer in time; check the endpoint and network, or allow longer with -TimeoutSec.");

    public static readonly ErrorTemplate SslPolicyNotFound = new("SslPolicyNotFound", FailureKind.InvalidArgument,
        "The load balancer service does not know the SSL policy '{0}'. The default is {1}.");

    public static readonly ErrorTemplate SubnetNotFound = new("SubnetNotFound", FailureKind.ObjectNotFound,
        "Subnet(s) not found: {0}");

    public static readonly ErrorTemplate SubnetNotInInstanceVpc = new("SubnetNotInInstanceVpc", FailureKind.InvalidArgument,
        "Subnet(s) {0} are not in the instances' VPC {1}.");

    public static readonly ErrorTemplate SubnetsLackIpv6 = new("SubnetsLackIpv6", FailureKind.InvalidArgument,
        "-IpAddressType dualstack needs an IPv6 CIDR on every chosen subnet.");

    public static readonly ErrorTemplate ProfileNotSso = new("ProfileNotSso", FailureKind.InvalidArgument,
        "Profile '{0}' is not an IAM Identity Center (SSO) profile: it has neither sso_session nor sso_start_url and sso_region. Sign in with -SsoSession NAME instead.");

    public static readonly ErrorTemplate SsoDeviceCodeExpired = new("SsoDeviceCodeExpired", FailureKind.OperationTimeout,
        "The sign-in code for {0} expired before it was confirmed in the browser; nothing was cached. Run Connect-AwsSso again.");

    public static readonly ErrorTemplate SsoLoginRequired = new("SsoLoginRequired", FailureKind.AuthenticationError,
        "The SSO sign-in for profile '{0}' is missing or has expired ({1}). Sign in with '{2}' (or 'aws sso login --profile {0}'), then try again.");

    public static readonly ErrorTemplate SsoNameFormatInvalid = new("SsoNameFormatInvalid", FailureKind.InvalidArgument,
        "The -NameFormat '{0}' {1}. Use the placeholders {{AccountName}}, {{AccountId}}, {{RoleName}} and {{SsoSession}}.");

    public static readonly ErrorTemplate SsoNotSignedIn = new("SsoNotSignedIn", FailureKind.AuthenticationError,
        "There is no valid sign-in for IAM Identity Center session {0} (none cached, or it expired). Run '{1}' first.");

    public static readonly ErrorTemplate SsoProfileNameTaken = new("SsoProfileNameTaken", FailureKind.ResourceExists,
        "Profile '{0}' already exists and is not a profile of SSO session {1}; it was left as it is and account {2} role {3} got no profile. Choose other names with -NameFormat.");

    public static readonly ErrorTemplate SsoSessionIncomplete = new("SsoSessionIncomplete", FailureKind.InvalidData,
        "The [sso-session {0}] section in '{1}' lacks {2}. Set it with Set-AwsProfile -SsoSession {0} -SsoStartUrl URL -SsoRegion REGION.");

    public static readonly ErrorTemplate SsoSessionNotFound = new("SsoSessionNotFound", FailureKind.ObjectNotFound,
        "There is no [sso-session {0}] section in '{1}'. Create it with Set-AwsProfile -SsoSession {0} -SsoStartUrl URL -SsoRegion REGION.");

    public static readonly ErrorTemplate SsoSessionSettingsOnly = new("SsoSessionSettingsOnly", FailureKind.InvalidArgument,
        "Without -ProfileName, Set-AwsProfile -SsoSession writes only the [sso-session] section: give -SsoStartUrl, -SsoRegion or -SsoRegistrationScopes, and no profile setting.");

    public static readonly ErrorTemplate SsoSessionRequired = new("SsoSessionRequired", FailureKind.InvalidArgument,
        "Name the IAM Identity Center session with -SsoSession NAME (the config file's sessions: {0}), or an SSO profile with -ProfileName.");

    public static readonly ErrorTemplate SsoSignInDenied = new("SsoSignInDenied", FailureKind.PermissionDenied,
        "The sign-in for {0} was denied in the browser; nothing was cached.");
}
