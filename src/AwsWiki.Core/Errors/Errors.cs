namespace AwsWiki;

/// <summary>
/// The error catalogue: every ErrorId the module raises, with its category and its one message,
/// in alphabetical order. Service errors keep the service's own code as their ErrorId
/// (<see cref="AwsServiceError"/> is their one template). A unit test checks ids are unique and
/// match their field names.
/// </summary>
public static class Errors
{
    public static readonly ErrorTemplate AccessKeyEmpty = new("AccessKeyEmpty", FailureKind.InvalidArgument,
        "The access key id is empty.");

    public static readonly ErrorTemplate AccessKeyWithoutSecretKey = new("AccessKeyWithoutSecretKey", FailureKind.InvalidArgument,
        "An access key was given without a secret key; give both -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate ApplyOnlyAtCronIntervalNeedsCron = new("ApplyOnlyAtCronIntervalNeedsCron", FailureKind.InvalidArgument,
        "-ApplyOnlyAtCronInterval works with cron schedules only, not {0}; give -Schedule a cron expression, for example 'cron(0 2 ? * SUN *)'.");

    public static readonly ErrorTemplate AssociationNotFound = new("AssociationNotFound", FailureKind.ObjectNotFound,
        "No essentials association for {0} in {1}; nothing was changed. Register-AmazonLinuxEssentials creates one.");

    public static readonly ErrorTemplate CostOverflow = new("CostOverflow", FailureKind.InvalidData,
        "{0} x {1} at {2} {3}/h for {4} hours costs more than a number can hold.");

    public static readonly ErrorTemplate EmptyRegion = new("EmptyRegion", FailureKind.InvalidArgument,
        "-Region has an empty name; give a region such as us-east-1, or leave -Region out for the profile's region. Nothing was sent.");

    public static readonly ErrorTemplate EntryPointNotFound = new("EntryPointNotFound", FailureKind.ObjectNotFound,
        "No HTTPS entry point for {0} exists in {1}: nothing there carries its tags.");

    public static readonly ErrorTemplate ExchangeRateRequired = new("ExchangeRateRequired", FailureKind.InvalidArgument,
        "Prices are in USD {1}; give -ExchangeRate (units of {0} per USD) to show them in {0}{2}.");

    public static readonly ErrorTemplate ExchangeRateWithUsd = new("ExchangeRateWithUsd", FailureKind.InvalidArgument,
        "-ExchangeRate converts USD prices into -Currency, and -Currency is USD, so it would change nothing. Give -Currency too, or leave -ExchangeRate out.");

    public static readonly ErrorTemplate FileReadFailed = new("FileReadFailed", FailureKind.ReadError,
        "'{0}' cannot be read: {1}");

    public static readonly ErrorTemplate GpuTopologyUnparseable = new("GpuTopologyUnparseable", FailureKind.InvalidData,
        "{0}: {1}");

    public static readonly ErrorTemplate InstanceTypeNameNotRecognized = new("InstanceTypeNameNotRecognized", FailureKind.InvalidArgument,
        "'{0}' is not an EC2 instance type name this module knows: {1} Expected a shape like c6i.large, g4dn.xlarge, p6-b200.48xlarge or u-6tb1.metal.");

    public static readonly ErrorTemplate InvalidAzurePricesUrl = new("InvalidAzurePricesUrl", FailureKind.InvalidArgument,
        "-AzurePricesUrl '{0}' is not an absolute http or https URL (for example https://prices.azure.com). Nothing was sent.");

    public static readonly ErrorTemplate InvalidCapacityBlockDuration = new("InvalidCapacityBlockDuration", FailureKind.InvalidArgument,
        "A Capacity Block lasts whole days from 24 to 336 hours, or whole weeks up to 4368 hours; {0} is neither.");

    public static readonly ErrorTemplate InvalidCurrency = new("InvalidCurrency", FailureKind.InvalidArgument,
        "'{0}' is not a three-letter currency code such as USD, KRW or EUR.");

    public static readonly ErrorTemplate InvalidDuration = new("InvalidDuration", FailureKind.InvalidArgument,
        "The duration must be a finite number, 0 or more, that fits in hours; not {0} {1}.");

    public static readonly ErrorTemplate InvalidDurationSeconds = new("InvalidDurationSeconds", FailureKind.InvalidArgument,
        "duration_seconds must be between 900 and 43200, not {0}.");

    public static readonly ErrorTemplate InvalidExchangeRate = new("InvalidExchangeRate", FailureKind.InvalidArgument,
        "-ExchangeRate must be a number of {1} per USD above 0 and at most 1000000, not {0}.");

    public static readonly ErrorTemplate InvalidGpuCount = new("InvalidGpuCount", FailureKind.InvalidArgument,
        "-GpuCount must be a whole number from 1 to 1000000, not {0}.");

    public static readonly ErrorTemplate InvalidHourlyPrice = new("InvalidHourlyPrice", FailureKind.InvalidData,
        "{0} has the hourly price {1}; a price must be a finite number, 0 or more.");

    public static readonly ErrorTemplate InvalidInstanceId = new("InvalidInstanceId", FailureKind.InvalidArgument,
        "'{0}' is not an instance id (i-0123456789abcdef0). Nothing was sent.");

    public static readonly ErrorTemplate InvalidInstanceType = new("InvalidInstanceType", FailureKind.InvalidArgument,
        "'{0}' is not an EC2 instance type this module knows: {1}{2}");

    public static readonly ErrorTemplate InvalidOfferingProperty = new("InvalidOfferingProperty", FailureKind.InvalidData,
        "The offering's {0} '{1}' is not {2}.");

    public static readonly ErrorTemplate InvalidOutputFormat = new("InvalidOutputFormat", FailureKind.InvalidArgument,
        "'{0}' is not an AWS CLI output format ({1}).");

    public static readonly ErrorTemplate InvalidRoleArn = new("InvalidRoleArn", FailureKind.InvalidArgument,
        "'{0}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).");

    public static readonly ErrorTemplate InvalidSchedule = new("InvalidSchedule", FailureKind.InvalidArgument,
        "-Schedule '{0}' is not a schedule State Manager takes: {1}. Use rate(N minutes|hours|days) from 30 minutes to 365 days, or cron(...), for example 'rate(1 day)' or 'cron(0 2 ? * SUN *)'.");

    public static readonly ErrorTemplate InvalidSsoAccountId = new("InvalidSsoAccountId", FailureKind.InvalidArgument,
        "'{0}' is not a 12-digit AWS account id.");

    public static readonly ErrorTemplate InvalidSsoStartUrl = new("InvalidSsoStartUrl", FailureKind.InvalidArgument,
        "'{0}' is not an https URL.");

    public static readonly ErrorTemplate InvalidWildcardPattern = new("InvalidWildcardPattern", FailureKind.InvalidArgument,
        "{0} '{1}' is not a valid wildcard pattern: {2}");

    public static readonly ErrorTemplate NegativeMaxPrice = new("NegativeMaxPrice", FailureKind.InvalidArgument,
        "-MaxPricePerGpuHour must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NegativeMinGpuCount = new("NegativeMinGpuCount", FailureKind.InvalidArgument,
        "-MinGpuCount must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NegativeMinGpuMemory = new("NegativeMinGpuMemory", FailureKind.InvalidArgument,
        "-MinGpuMemoryGiB must be 0 or more, not {0}.");

    public static readonly ErrorTemplate NoRegionMatched = new("NoRegionMatched", FailureKind.InvalidArgument,
        "No AWS region matches '{0}'.");

    public static readonly ErrorTemplate OfferingCurrencyEmpty = new("OfferingCurrencyEmpty", FailureKind.InvalidData,
        "{0} has an empty Currency, so the currency of its price is unknown. Fill it in (USD, KRW, ...) or leave the property out for USD.");

    public static readonly ErrorTemplate OfferingUnpriced = new("OfferingUnpriced", FailureKind.InvalidData,
        "{0} has no {1} price (no HourlyPrice), so its cost cannot be measured.");

    public static readonly ErrorTemplate OfferingWithoutWholeGpu = new("OfferingWithoutWholeGpu", FailureKind.InvalidData,
        "{0} has {1} whole GPUs per instance (a fractional GPU size, or no GpuCount?), so GPU counts cannot be mapped to instances.");

    public static readonly ErrorTemplate PathIsDirectory = new("PathIsDirectory", FailureKind.InvalidArgument,
        "'{0}' is a directory, not a file. Give the files in it ('{0}/*.txt') or a file.");

    public static readonly ErrorTemplate PathNotFound = new("PathNotFound", FailureKind.ObjectNotFound,
        "No file matches '{0}'.");

    public static readonly ErrorTemplate PathSymlinkLoop = new("PathSymlinkLoop", FailureKind.InvalidArgument,
        "'{0}' is a symbolic link that never reaches a file (a loop of links).");

    public static readonly ErrorTemplate ProfileFileAccessDenied = new("ProfileFileAccessDenied", FailureKind.PermissionDenied,
        "Permission denied: '{0}' cannot be {1} by this user. Nothing was changed; check the file's and its folder's owner and mode.");

    public static readonly ErrorTemplate ProfileFileInvalid = new("ProfileFileInvalid", FailureKind.InvalidData,
        "The AWS CLI cannot parse '{0}' (line {1}: {2}). Nothing was changed; fix the file first (Get-AwsProfile lists every problem).");

    public static readonly ErrorTemplate ProfileFileIsDirectory = new("ProfileFileIsDirectory", FailureKind.InvalidArgument,
        "'{0}' is a directory, not a file; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE must name files. Nothing was changed.");

    public static readonly ErrorTemplate ProfileFileSymlinkLoop = new("ProfileFileSymlinkLoop", FailureKind.InvalidArgument,
        "'{0}' is a symbolic link that never reaches a file (a loop of links). Nothing was changed; point the link at a file.");

    public static readonly ErrorTemplate ProfileFileUnreadable = new("ProfileFileUnreadable", FailureKind.InvalidOperation,
        "'{0}' cannot be read: {1} Nothing was changed.");

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

    public static readonly ErrorTemplate RequestTimedOut = new("RequestTimedOut", FailureKind.OperationTimeout,
        "The {0} request to {1} timed out after {2} s. The endpoint did not answer in time; check the endpoint and network, or allow longer with -TimeoutSec.");

    public static readonly ErrorTemplate SecretHasOuterWhitespace = new("SecretHasOuterWhitespace", FailureKind.InvalidArgument,
        "The value for '{0}' starts or ends with white space, which the AWS CLI strips when it reads the file; the key would not match. Give it without the white space.");

    public static readonly ErrorTemplate SecretKeyEmpty = new("SecretKeyEmpty", FailureKind.InvalidArgument,
        "The secret key is empty.");

    public static readonly ErrorTemplate SecretKeyWithoutAccessKey = new("SecretKeyWithoutAccessKey", FailureKind.InvalidArgument,
        "A secret key was given without an access key; give both -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate SessionTokenWithoutKeys = new("SessionTokenWithoutKeys", FailureKind.InvalidArgument,
        "A session token was given without -AccessKey and -SecretKey.");

    public static readonly ErrorTemplate SettingEmpty = new("SettingEmpty", FailureKind.InvalidArgument,
        "The value for '{0}' is empty: the AWS CLI would read the key as set to nothing. Leave the parameter out to keep the current value. Nothing was written.");

    public static readonly ErrorTemplate SettingHasNewline = new("SettingHasNewline", FailureKind.InvalidArgument,
        "The value for '{0}' contains a line break, which would corrupt the file.");

    public static readonly ErrorTemplate SourceProfileNotFound = new("SourceProfileNotFound", FailureKind.ObjectNotFound,
        "The source profile '{0}' exists in neither the credentials nor the config file.");

    public static readonly ErrorTemplate TagColumnShadowsProperty = new("TagColumnShadowsProperty", FailureKind.InvalidArgument,
        "-TagColumn '{0}' has the name of {1} (property names ignore case) and would hide it. Read that tag from the Tags property instead: $_.Tags['{0}']. Nothing was sent.");

    public static readonly ErrorTemplate UnknownPricingModel = new("UnknownPricingModel", FailureKind.InvalidArgument,
        "Unknown pricing model '{0}'. Use OnDemand, Spot, Reserved1Yr or Reserved3Yr.");

    public static readonly ErrorTemplate UnknownProvider = new("UnknownProvider", FailureKind.InvalidArgument,
        "Unknown provider '{0}'. Use AWS or Azure.");

    public static readonly ErrorTemplate UnknownRegion = new("UnknownRegion", FailureKind.InvalidArgument,
        "Unknown region '{0}': {1} has no region of that name.{2}");

    public static readonly ErrorTemplate UnknownSource = new("UnknownSource", FailureKind.InvalidArgument,
        "Unknown source '{0}'. Use Catalog or Live.");

    public static readonly ErrorTemplate ValueHasOuterWhitespace = new("ValueHasOuterWhitespace", FailureKind.InvalidArgument,
        "The value '{0}' for '{1}' starts or ends with white space, which the AWS CLI strips when it reads the file.");
}
