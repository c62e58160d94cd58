namespace AwsWiki;

/// <summary>
/// The error catalogue: every ErrorId the module raises, with its category and its one message,
/// in alphabetical order. Service errors keep the service's own code as their ErrorId
/// (<see cref="AwsServiceError"/> is their one template). A unit test checks ids are unique and
/// match their field names.
/// </summary>
internal static class Errors
{
    public static readonly ErrorTemplate AccessKeyEmpty = new("AccessKeyEmpty", FailureKind.InvalidArgument,
        "The access key id is empty.");

    public static readonly ErrorTemplate AccessKeyWithoutSecretKey = new("AccessKeyWithoutSecretKey", FailureKind.InvalidArgument,
        "An access key was given without a secret key; give both -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate ApplyOnlyAtCronIntervalNeedsCron = new("ApplyOnlyAtCronIntervalNeedsCron", FailureKind.InvalidArgument,
        "-ApplyOnlyAtCronInterval works with cron schedules only, not {0}; give -Schedule a cron expression, for example 'cron(0 2 ? * SUN *)'.");

    public static readonly ErrorTemplate AssociationNotFound = new("AssociationNotFound", FailureKind.ObjectNotFound,
        "No essentials association for {0} in {1}; nothing was changed. Register-AmazonLinuxEssentials creates one.");

    public static readonly ErrorTemplate AwsRequestFailed = new("AwsRequestFailed", FailureKind.InvalidOperation,
        "The {0} {1} request to {2} failed: {3}");

    /// <summary>The ErrorId is "AwsServiceError" only when the service sent no code; otherwise the service's code (see AwsServiceException).</summary>
    public static readonly ErrorTemplate AwsServiceError = new("AwsServiceError", FailureKind.InvalidOperation,
        "{0} {1} at {2} answered HTTP {3} ({4}), {5}: {6}");

    public static readonly ErrorTemplate AzurePricesRequestFailed = new("AzurePricesRequestFailed", FailureKind.InvalidOperation,
        "The Azure Retail Prices API answered HTTP {0} after {1} attempt(s): {2}");

    public static readonly ErrorTemplate AzurePricesTooManyPages = new("AzurePricesTooManyPages", FailureKind.InvalidData,
        "The Azure Retail Prices API returned more than {0} pages for one query.");

    public static readonly ErrorTemplate AzurePricesUnavailable = new("AzurePricesUnavailable", FailureKind.ResourceUnavailable,
        "The Azure Retail Prices API answered HTTP {0} after {1} attempt(s) (a server-side failure; try again later): {2}");

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

    public static readonly ErrorTemplate ConnectionFailed = new("ConnectionFailed", FailureKind.ConnectionError,
        "The {0} {1} request to {2} could not be sent: {3}. Check the endpoint (-EndpointUrl, AWS_ENDPOINT_URL) and the network.");

    public static readonly ErrorTemplate CostOverflow = new("CostOverflow", FailureKind.InvalidData,
        "{0} x {1} at {2} {3}/h for {4} hours costs more than a number can hold.");

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

    public static readonly ErrorTemplate EmptyRegion = new("EmptyRegion", FailureKind.InvalidArgument,
        "-Region has an empty name; give a region such as us-east-1, or leave -Region out for the profile's region. Nothing was sent.");

    public static readonly ErrorTemplate EntryPointBusy = new("EntryPointBusy", FailureKind.ResourceUnavailable,
        "Another New-HttpsEntryPoint for {0} in {1} has been running on this machine for more than {2} s (lock {3}); nothing was changed. Run again when it has finished.");

    public static readonly ErrorTemplate EntryPointNotFound = new("EntryPointNotFound", FailureKind.ObjectNotFound,
        "No HTTPS entry point for {0} exists in {1}: nothing there carries its tags.");

    public static readonly ErrorTemplate EntryPointSettingsDiffer = new("EntryPointSettingsDiffer", FailureKind.ResourceExists,
        "The {0} of the entry point for {1} already exists as {2}, not {3} as this run asks: another run with other settings made it. Remove-HttpsEntryPoint {1} first, or run again with its settings.");

    public static readonly ErrorTemplate EssentialsFailed = new("EssentialsFailed", FailureKind.InvalidOperation,
        "Essentials on {0} ended {1}{2} (SSM command {3}).");

    public static readonly ErrorTemplate ExchangeRateRequired = new("ExchangeRateRequired", FailureKind.InvalidArgument,
        "Prices are in USD {1}; give -ExchangeRate (units of {0} per USD) to show them in {0}{2}.");

    public static readonly ErrorTemplate ExchangeRateWithUsd = new("ExchangeRateWithUsd", FailureKind.InvalidArgument,
        "-ExchangeRate converts USD prices into -Currency, and -Currency is USD, so it would change nothing. Give -Currency too, or leave -ExchangeRate out.");

    public static readonly ErrorTemplate FileReadFailed = new("FileReadFailed", FailureKind.ReadError,
        "'{0}' cannot be read: {1}");

    public static readonly ErrorTemplate GpuTopologyCommandFailed = new("GpuTopologyCommandFailed", FailureKind.InvalidOperation,
        "Instance {0}: SSM command {1} ended {2}{3}");

    public static readonly ErrorTemplate GpuTopologyUnparseable = new("GpuTopologyUnparseable", FailureKind.InvalidData,
        "{0}: {1}");

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

    public static readonly ErrorTemplate InstanceQueryFailed = new("InstanceQueryFailed", FailureKind.ResourceUnavailable,
        "The instances could not be listed.");

    public static readonly ErrorTemplate InstanceUnpriced = new("InstanceUnpriced", FailureKind.InvalidData,
        "{0} has no {1} price{2}, so its cost cannot be measured. Get-InstanceOffering -Source Live asks the Price List.");

    public static readonly ErrorTemplate InstancesInDifferentVpcs = new("InstancesInDifferentVpcs", FailureKind.InvalidArgument,
        "The instances must all be in one VPC; they are in: {0}.");

    public static readonly ErrorTemplate InstanceTypeNameNotRecognized = new("InstanceTypeNameNotRecognized", FailureKind.InvalidArgument,
        "'{0}' is not an EC2 instance type name this module knows: {1} Expected a shape like c6i.large, g4dn.xlarge, p6-b200.48xlarge or u-6tb1.metal.");

    public static readonly ErrorTemplate InstanceTypeNotFound = new("InstanceTypeNotFound", FailureKind.ObjectNotFound,
        "EC2 in {1} does not know instance type {0}, so its vCPUs cannot be counted against a quota.");

    public static readonly ErrorTemplate InvalidAssumeRoleProfile = new("InvalidAssumeRoleProfile", FailureKind.InvalidData,
        "Profile '{0}' has role_arn, but {1}.");

    public static readonly ErrorTemplate InvalidAzurePricesUrl = new("InvalidAzurePricesUrl", FailureKind.InvalidArgument,
        "-AzurePricesUrl '{0}' is not an absolute http or https URL (for example https://prices.azure.com). Nothing was sent.");

    public static readonly ErrorTemplate InvalidCapacityBlockDuration = new("InvalidCapacityBlockDuration", FailureKind.InvalidArgument,
        "A Capacity Block lasts whole days from 24 to 336 hours, or whole weeks up to 4368 hours; {0} is neither.");

    public static readonly ErrorTemplate InvalidCertificateArn = new("InvalidCertificateArn", FailureKind.InvalidArgument,
        "'{0}' is not an ACM certificate ARN.");

    public static readonly ErrorTemplate InvalidCertificateTimeout = new("InvalidCertificateTimeout", FailureKind.InvalidArgument,
        "-CertificateTimeout must be positive.");

    public static readonly ErrorTemplate InvalidCurrency = new("InvalidCurrency", FailureKind.InvalidArgument,
        "'{0}' is not a three-letter currency code such as USD, KRW or EUR.");

    public static readonly ErrorTemplate InvalidDomainName = new("InvalidDomainName", FailureKind.InvalidArgument,
        "'{0}' is not a valid domain name: expected a fully qualified host name such as www.example.com.");

    public static readonly ErrorTemplate InvalidDuration = new("InvalidDuration", FailureKind.InvalidArgument,
        "The duration must be a finite number, 0 or more, that fits in hours; not {0} {1}.");

    public static readonly ErrorTemplate InvalidDurationSeconds = new("InvalidDurationSeconds", FailureKind.InvalidArgument,
        "The duration_seconds setting must be between 900 and 43200, not {0}.");

    public static readonly ErrorTemplate InvalidEndpointUrl = new("InvalidEndpointUrl", FailureKind.InvalidArgument,
        "'{0}' ({1}) is not an endpoint URL; it must be an absolute http:// or https:// URL such as http://127.0.0.1:5000.");

    public static readonly ErrorTemplate InvalidExchangeRate = new("InvalidExchangeRate", FailureKind.InvalidArgument,
        "-ExchangeRate must be a number of {1} per USD above 0 and at most 1000000, not {0}.");

    public static readonly ErrorTemplate InvalidFilter = new("InvalidFilter", FailureKind.InvalidArgument,
        "-Filter needs a name and at least one value in each entry, e.g. @{{ 'instance-type' = 't3.micro' }}; '{0}' has none.");

    public static readonly ErrorTemplate InvalidGpuCount = new("InvalidGpuCount", FailureKind.InvalidArgument,
        "-GpuCount must be a whole number from 1 to 1000000, not {0}.");

    public static readonly ErrorTemplate InvalidHealthCheckPath = new("InvalidHealthCheckPath", FailureKind.InvalidArgument,
        "-HealthCheckPath '{0}' must start with '/'.");

    public static readonly ErrorTemplate InvalidHourlyPrice = new("InvalidHourlyPrice", FailureKind.InvalidData,
        "{0} has the hourly price {1}; a price must be a finite number, 0 or more.");

    public static readonly ErrorTemplate InvalidInstanceCount = new("InvalidInstanceCount", FailureKind.InvalidArgument,
        "-Count must be 1 or more, not {0}.");

    public static readonly ErrorTemplate InvalidInstanceFilter = new("InvalidInstanceFilter", FailureKind.InvalidArgument,
        "{0} must be 0 or more, not {1}.");

    public static readonly ErrorTemplate InvalidInstanceId = new("InvalidInstanceId", FailureKind.InvalidArgument,
        "'{0}' is not an instance id (i-0123456789abcdef0). Nothing was sent.");

    public static readonly ErrorTemplate InvalidInstanceType = new("InvalidInstanceType", FailureKind.InvalidArgument,
        "'{0}' is not an EC2 instance type this module knows: {1}{2}");

    public static readonly ErrorTemplate InvalidMaxAttempts = new("InvalidMaxAttempts", FailureKind.InvalidArgument,
        "{0} is '{1}'; it must be a whole number greater than 0.");

    public static readonly ErrorTemplate InvalidMaxConcurrency = new("InvalidMaxConcurrency", FailureKind.InvalidArgument,
        "-MaxConcurrency '{0}' is not a count (1, 10, ...) or a percentage (1% to 100%).");

    public static readonly ErrorTemplate InvalidMaxErrors = new("InvalidMaxErrors", FailureKind.InvalidArgument,
        "-MaxErrors '{0}' is not a count (0, 1, ...) or a percentage (0% to 100%).");

    public static readonly ErrorTemplate InvalidName = new("InvalidName", FailureKind.InvalidArgument,
        "'{0}' cannot name a load balancer: use 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen nor with 'internal-'.");

    public static readonly ErrorTemplate InvalidOfferingProperty = new("InvalidOfferingProperty", FailureKind.InvalidData,
        "The offering's {0} '{1}' is not {2}.");

    public static readonly ErrorTemplate InvalidOutputFormat = new("InvalidOutputFormat", FailureKind.InvalidArgument,
        "'{0}' is not an AWS CLI output format ({1}).");

    public static readonly ErrorTemplate InvalidPackageName = new("InvalidPackageName", FailureKind.InvalidArgument,
        "'{0}' is not a package name: use letters, digits and . _ + : - only (for example 'nginx' or 'python3-devel').");

    public static readonly ErrorTemplate InvalidRegion = new("InvalidRegion", FailureKind.InvalidArgument,
        "'{0}' ({1}) is not an AWS region name; region names look like us-east-1 or ap-northeast-2.");

    public static readonly ErrorTemplate InvalidRetryMode = new("InvalidRetryMode", FailureKind.InvalidArgument,
        "{0} is '{1}'; it must be legacy, standard or adaptive.");

    public static readonly ErrorTemplate InvalidRoleArn = new("InvalidRoleArn", FailureKind.InvalidArgument,
        "'{0}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).");

    public static readonly ErrorTemplate InvalidS3BucketName = new("InvalidS3BucketName", FailureKind.InvalidArgument,
        "-OutputS3BucketName '{0}' is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens).");

    public static readonly ErrorTemplate InvalidS3KeyPrefix = new("InvalidS3KeyPrefix", FailureKind.InvalidArgument,
        "-OutputS3KeyPrefix is {0} characters long; SSM takes at most 500.");

    public static readonly ErrorTemplate InvalidSchedule = new("InvalidSchedule", FailureKind.InvalidArgument,
        "-Schedule '{0}' is not a schedule State Manager takes: {1}. Use rate(N minutes|hours|days) from 30 minutes to 365 days, or cron(...), for example 'rate(1 day)' or 'cron(0 2 ? * SUN *)'.");

    public static readonly ErrorTemplate InvalidSsoAccountId = new("InvalidSsoAccountId", FailureKind.InvalidArgument,
        "'{0}' is not a 12-digit AWS account id.");

    public static readonly ErrorTemplate InvalidSsoStartUrl = new("InvalidSsoStartUrl", FailureKind.InvalidArgument,
        "'{0}' is not an https URL.");

    public static readonly ErrorTemplate InvalidTag = new("InvalidTag", FailureKind.InvalidArgument,
        "-Tag is not valid: {0}.");

    public static readonly ErrorTemplate InvalidTargetPort = new("InvalidTargetPort", FailureKind.InvalidArgument,
        "-TargetPort {0} cannot be used: the load balancer serves port 80 itself and talks plain HTTP to the instances on another port, 1 to 65535 (the default is 8080).");

    public static readonly ErrorTemplate InvalidTimeout = new("InvalidTimeout", FailureKind.InvalidArgument,
        "-ExecutionTimeoutSec {0} is outside SSM's execution timeout range, 30 to 172800 seconds.");

    public static readonly ErrorTemplate InvalidWildcardPattern = new("InvalidWildcardPattern", FailureKind.InvalidArgument,
        "{0} '{1}' is not a valid wildcard pattern: {2}");

    public static readonly ErrorTemplate MfaTokenCodeRequired = new("MfaTokenCodeRequired", FailureKind.AuthenticationError,
        "Profile '{0}' assumes its role with MFA device {1}, and no code was given. Pass the current code with -MfaTokenCode, or run the command in an interactive session to be asked for it.");

    public static readonly ErrorTemplate NameInUse = new("NameInUse", FailureKind.ResourceExists,
        "The name '{0}' is already taken by {1} that does not belong to the entry point for {2}; pass another -Name.");

    public static readonly ErrorTemplate NegativeMaxPrice = new("NegativeMaxPrice", FailureKind.InvalidArgument,
        "-MaxPricePerGpuHour must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NegativeMinGpuCount = new("NegativeMinGpuCount", FailureKind.InvalidArgument,
        "-MinGpuCount must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NegativeMinGpuMemory = new("NegativeMinGpuMemory", FailureKind.InvalidArgument,
        "-MinGpuMemoryGiB must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NoCredentials = new("NoCredentials", FailureKind.AuthenticationError,
        "No AWS credentials were found. Register an account with 'Set-AwsProfile NAME -AccessKey ... -SecretKey ...', switch to one with 'Set-AwsProfile NAME', or pass -ProfileName, -Credential or -AccessKey/-SecretKey.");

    public static readonly ErrorTemplate NoGpuQuotaFamily = new("NoGpuQuotaFamily", FailureKind.InvalidArgument,
        "{0} belongs to no instance family with a vCPU quota of its own (P, G and VT, DL, Trn, Inf, F); there is no GPU quota to check or raise for it.");

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

    public static readonly ErrorTemplate NvidiaSmiFailed = new("NvidiaSmiFailed", FailureKind.InvalidOperation,
        "'{0} {1}' exited with code {2}: {3}");

    public static readonly ErrorTemplate NvidiaSmiNotFound = new("NvidiaSmiNotFound", FailureKind.ObjectNotFound,
        "The nvidia-smi program is not on the PATH of {0}: install the NVIDIA driver (it ships nvidia-smi) or read a saved output with -Path.{1}");

    public static readonly ErrorTemplate OfferingCurrencyEmpty = new("OfferingCurrencyEmpty", FailureKind.InvalidData,
        "{0} has an empty Currency, so the currency of its price is unknown. Fill it in (USD, KRW, ...) or leave the property out for USD.");

    public static readonly ErrorTemplate OfferingUnpriced = new("OfferingUnpriced", FailureKind.InvalidData,
        "{0} has no {1} price (no HourlyPrice), so its cost cannot be measured.");

    public static readonly ErrorTemplate OfferingWithoutWholeGpu = new("OfferingWithoutWholeGpu", FailureKind.InvalidData,
        "{0} has {1} whole GPUs per instance (a fractional GPU size, or no GpuCount?), so GPU counts cannot be mapped to instances.");

    public static readonly ErrorTemplate OrganizationRoleUnusable = new("OrganizationRoleUnusable", FailureKind.AuthenticationError,
        "The organization role could not be assumed.");

    public static readonly ErrorTemplate OrganizationUnreadable = new("OrganizationUnreadable", FailureKind.PermissionDenied,
        "The organization's accounts could not be listed.");

    public static readonly ErrorTemplate OutputNotReadable = new("OutputNotReadable", FailureKind.ResourceUnavailable,
        "Could not read {0} for {1}: {2}");

    public static readonly ErrorTemplate PathIsDirectory = new("PathIsDirectory", FailureKind.InvalidArgument,
        "'{0}' is a directory, not a file. Give the files in it ('{0}/*.txt') or a file.");

    public static readonly ErrorTemplate PathNotFound = new("PathNotFound", FailureKind.ObjectNotFound,
        "No file matches '{0}'.");

    public static readonly ErrorTemplate PathSymlinkLoop = new("PathSymlinkLoop", FailureKind.InvalidArgument,
        "'{0}' is a symbolic link that never reaches a file (a loop of links).");

    public static readonly ErrorTemplate ProbeReservationNotCancelled = new("ProbeReservationNotCancelled", FailureKind.ResourceUnavailable,
        "The probe's capacity reservation {0} in {1} could not be cancelled and is billed until it is: cancel it with 'aws ec2 cancel-capacity-reservation --region {1} --capacity-reservation-id {0}'. {2}");

    public static readonly ErrorTemplate ProfileCredentialsUnusable = new("ProfileCredentialsUnusable", FailureKind.AuthenticationError,
        "The credentials of profile '{0}' cannot be used: {1}");

    public static readonly ErrorTemplate ProfileFileAccessDenied = new("ProfileFileAccessDenied", FailureKind.PermissionDenied,
        "Permission denied: '{0}' cannot be {1} by this user. Nothing was changed; check the file's and its folder's owner and mode.");

    public static readonly ErrorTemplate ProfileFileInvalid = new("ProfileFileInvalid", FailureKind.InvalidData,
        "The AWS CLI cannot parse '{0}' (line {1}: {2}). Nothing was changed; fix the file first (Get-AwsProfile lists every problem).");

    public static readonly ErrorTemplate ProfileFileIsDirectory = new("ProfileFileIsDirectory", FailureKind.InvalidArgument,
        "'{0}' is a directory, not a file; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE must name files. Nothing was changed.");

    public static readonly ErrorTemplate ProfileFileLocked = new("ProfileFileLocked", FailureKind.ResourceUnavailable,
        "Another process has held the lock on '{0}' for more than {1} seconds.");

    public static readonly ErrorTemplate ProfileFileSymlinkLoop = new("ProfileFileSymlinkLoop", FailureKind.InvalidArgument,
        "'{0}' is a symbolic link that never reaches a file (a loop of links). Nothing was changed; point the link at a file.");

    public static readonly ErrorTemplate ProfileFileUnreadable = new("ProfileFileUnreadable", FailureKind.InvalidOperation,
        "'{0}' cannot be read: {1} Nothing was changed.");

    public static readonly ErrorTemplate ProfileHasNoCredentials = new("ProfileHasNoCredentials", FailureKind.AuthenticationError,
        "Profile '{0}' has no usable credentials. Add keys with 'Set-AwsProfile {0} -AccessKey ... -SecretKey ...'.");

    public static readonly ErrorTemplate ProfileNameEmpty = new("ProfileNameEmpty", FailureKind.InvalidArgument,
        "The {0} name is empty.");

    public static readonly ErrorTemplate ProfileNameHasBracket = new("ProfileNameHasBracket", FailureKind.InvalidArgument,
        "The {0} name '{1}' contains '[' or ']', which would break the file's section headers.");

    public static readonly ErrorTemplate ProfileNameHasNewline = new("ProfileNameHasNewline", FailureKind.InvalidArgument,
        "The {0} name contains a line break.");

    public static readonly ErrorTemplate ProfileNameHasOuterWhitespace = new("ProfileNameHasOuterWhitespace", FailureKind.InvalidArgument,
        "The {0} name '{1}' starts or ends with white space, which the AWS CLI would strip.");

    public static readonly ErrorTemplate ProfileNameReserved = new("ProfileNameReserved", FailureKind.InvalidArgument,
        "'{0}' is reserved: in the credentials file [DEFAULT] holds keys that every profile inherits.");

    public static readonly ErrorTemplate ProfileNotFound = new("ProfileNotFound", FailureKind.ObjectNotFound,
        "Profile '{0}' exists in neither the credentials nor the config file. 'Get-AwsProfile' lists the profiles.");

    public static readonly ErrorTemplate ProfileNotSso = new("ProfileNotSso", FailureKind.InvalidArgument,
        "Profile '{0}' is not an IAM Identity Center (SSO) profile: it has neither sso_session nor sso_start_url and sso_region. Sign in with -SsoSession NAME instead.");

    public static readonly ErrorTemplate ProfileUnusable = new("ProfileUnusable", FailureKind.AuthenticationError,
        "The account of the profile could not be read.");

    public static readonly ErrorTemplate RegionListUnavailable = new("RegionListUnavailable", FailureKind.ResourceUnavailable,
        "The account's regions could not be listed.");

    /// <summary>A region of a GPU fan-out (live offerings, capacity) failed; used as the fan-out's wrapper, so no placeholders.</summary>
    public static readonly ErrorTemplate RegionQueryFailed = new("RegionQueryFailed", FailureKind.ResourceUnavailable,
        "The region could not be queried.");

    public static readonly ErrorTemplate RequestTimedOut = new("RequestTimedOut", FailureKind.OperationTimeout,
        "The {0} request to {1} timed out after {2} s. The endpoint did not answer in time; check the endpoint and network, or allow longer with -TimeoutSec.");

    public static readonly ErrorTemplate ResponseUnreadable = new("ResponseUnreadable", FailureKind.InvalidData,
        "The {0} {1} answer from {2} could not be read: {3}. Is the endpoint an AWS service or an emulator of it?");

    public static readonly ErrorTemplate S3BucketRequired = new("S3BucketRequired", FailureKind.InvalidArgument,
        "-FetchOutput and -OutputS3KeyPrefix need -OutputS3BucketName: SSM writes the full output to that bucket.");

    public static readonly ErrorTemplate SecretHasOuterWhitespace = new("SecretHasOuterWhitespace", FailureKind.InvalidArgument,
        "The value for '{0}' starts or ends with white space, which the AWS CLI strips when it reads the file; the key would not match. Give it without the white space.");

    public static readonly ErrorTemplate SecretKeyEmpty = new("SecretKeyEmpty", FailureKind.InvalidArgument,
        "The secret key is empty.");

    public static readonly ErrorTemplate SecretKeyWithoutAccessKey = new("SecretKeyWithoutAccessKey", FailureKind.InvalidArgument,
        "A secret key was given without an access key; give both -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate SendCommandFailed = new("SendCommandFailed", FailureKind.InvalidOperation,
        "SSM SendCommand failed for {0}: {1}");

    public static readonly ErrorTemplate SessionTokenWithoutKeys = new("SessionTokenWithoutKeys", FailureKind.InvalidArgument,
        "A session token was given without -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate SettingEmpty = new("SettingEmpty", FailureKind.InvalidArgument,
        "The value for '{0}' is empty: the AWS CLI would read the key as set to nothing. Leave the parameter out to keep the current value. Nothing was written.");

    public static readonly ErrorTemplate SettingHasNewline = new("SettingHasNewline", FailureKind.InvalidArgument,
        "The value for '{0}' contains a line break, which would corrupt the file.");

    public static readonly ErrorTemplate SourceProfileLoop = new("SourceProfileLoop", FailureKind.InvalidData,
        "Profile '{0}' {1}.");

    public static readonly ErrorTemplate SourceProfileNotFound = new("SourceProfileNotFound", FailureKind.ObjectNotFound,
        "The source profile '{0}' exists in neither the credentials nor the config file.");

    public static readonly ErrorTemplate SslPolicyNotFound = new("SslPolicyNotFound", FailureKind.InvalidArgument,
        "The load balancer service does not know the SSL policy '{0}'. The default is {1}.");

    public static readonly ErrorTemplate SsoDeviceCodeExpired = new("SsoDeviceCodeExpired", FailureKind.OperationTimeout,
        "The sign-in code for {0} expired before it was confirmed in the browser; nothing was cached. Run Connect-AwsSso again.");

    public static readonly ErrorTemplate SsoLoginRequired = new("SsoLoginRequired", FailureKind.AuthenticationError,
        "The SSO sign-in for profile '{0}' is missing or has expired ({1}). Sign in with '{2}' (or 'aws sso login --profile {0}'), then try again.");

    public static readonly ErrorTemplate SsoNameFormatInvalid = new("SsoNameFormatInvalid", FailureKind.InvalidArgument,
        "The -NameFormat '{0}' {1}. Use the placeholders {{AccountName}}, {{AccountId}}, {{RoleName}} and {{SsoSession}}.");

    public static readonly ErrorTemplate SsoNotSignedIn = new("SsoNotSignedIn", FailureKind.AuthenticationError,
        "There is no valid sign-in for IAM Identity Center session {0} (none cached, or it expired). Run '{1}' first.");

    public static readonly ErrorTemplate SsoProfileIncomplete = new("SsoProfileIncomplete", FailureKind.InvalidData,
        "SSO profile '{0}' lacks {1}. Set it up with 'aws configure sso --profile {0}'.");

    public static readonly ErrorTemplate SsoProfileNameTaken = new("SsoProfileNameTaken", FailureKind.ResourceExists,
        "Profile '{0}' already exists and is not a profile of SSO session {1}; it was left as it is and account {2} role {3} got no profile. Choose other names with -NameFormat.");

    public static readonly ErrorTemplate SsoSessionIncomplete = new("SsoSessionIncomplete", FailureKind.InvalidData,
        "The [sso-session {0}] section in '{1}' lacks {2}. Set it with Set-AwsProfile -SsoSession {0} -SsoStartUrl URL -SsoRegion REGION.");

    public static readonly ErrorTemplate SsoSessionNotFound = new("SsoSessionNotFound", FailureKind.ObjectNotFound,
        "There is no [sso-session {0}] section in '{1}'. Create it with Set-AwsProfile -SsoSession {0} -SsoStartUrl URL -SsoRegion REGION.");

    public static readonly ErrorTemplate SsoSessionRequired = new("SsoSessionRequired", FailureKind.InvalidArgument,
        "Name the IAM Identity Center session with -SsoSession NAME (the config file's sessions: {0}), or an SSO profile with -ProfileName.");

    public static readonly ErrorTemplate SsoSessionSettingsOnly = new("SsoSessionSettingsOnly", FailureKind.InvalidArgument,
        "Without -ProfileName, Set-AwsProfile -SsoSession writes only the [sso-session] section: give -SsoStartUrl, -SsoRegion or -SsoRegistrationScopes, and no profile setting.");

    public static readonly ErrorTemplate SsoSignInDenied = new("SsoSignInDenied", FailureKind.PermissionDenied,
        "The sign-in for {0} was denied in the browser; nothing was cached.");

    public static readonly ErrorTemplate SubnetNotFound = new("SubnetNotFound", FailureKind.ObjectNotFound,
        "Subnet(s) not found: {0}");

    public static readonly ErrorTemplate SubnetNotInInstanceVpc = new("SubnetNotInInstanceVpc", FailureKind.InvalidArgument,
        "Subnet(s) {0} are not in the instances' VPC {1}.");

    public static readonly ErrorTemplate SubnetsLackIpv6 = new("SubnetsLackIpv6", FailureKind.InvalidArgument,
        "-IpAddressType dualstack needs an IPv6 CIDR on every chosen subnet.");

    public static readonly ErrorTemplate TagColumnShadowsProperty = new("TagColumnShadowsProperty", FailureKind.InvalidArgument,
        "-TagColumn '{0}' has the name of {1} (property names ignore case) and would hide it. Read that tag from the Tags property instead: $_.Tags['{0}']. Nothing was sent.");

    public static readonly ErrorTemplate TooManyTargets = new("TooManyTargets", FailureKind.LimitsExceeded,
        "SSM takes at most {0} target entries (tag keys plus resource group); this call has {1}.");

    public static readonly ErrorTemplate UnknownPricingModel = new("UnknownPricingModel", FailureKind.InvalidArgument,
        "Unknown pricing model '{0}'. Use OnDemand, Spot, Reserved1Yr or Reserved3Yr.");

    public static readonly ErrorTemplate UnknownProvider = new("UnknownProvider", FailureKind.InvalidArgument,
        "Unknown provider '{0}'. Use AWS or Azure.");

    public static readonly ErrorTemplate UnknownRegion = new("UnknownRegion", FailureKind.InvalidArgument,
        "Unknown region '{0}': {1} has no region of that name.{2}");

    public static readonly ErrorTemplate UnknownSource = new("UnknownSource", FailureKind.InvalidArgument,
        "Unknown source '{0}'. Use Catalog or Live.");

    public static readonly ErrorTemplate UnsupportedPlatform = new("UnsupportedPlatform", FailureKind.InvalidOperation,
        "Instance {0} runs {1}; {2} Skipped.");

    public static readonly ErrorTemplate UserDataTooLarge = new("UserDataTooLarge", FailureKind.LimitsExceeded,
        "The script is {0} bytes; EC2 user data is limited to {1} bytes. Pass fewer packages.");

    public static readonly ErrorTemplate ValueHasOuterWhitespace = new("ValueHasOuterWhitespace", FailureKind.InvalidArgument,
        "The value '{0}' for '{1}' starts or ends with white space, which the AWS CLI strips when it reads the file.");
    public static readonly ErrorTemplate VCpuCountOverflow = new("VCpuCountOverflow", FailureKind.InvalidArgument,
        "{0} x {1} at {2} vCPUs each, with the vCPUs in use, is more than a quota can count (2147483647); ask for fewer instances.");

}
