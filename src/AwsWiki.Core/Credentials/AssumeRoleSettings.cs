namespace AwsWiki.Credentials;

/// <summary>An assume-role profile's settings, as botocore reads them.</summary>
internal sealed record AssumeRoleSettings(
    string ProfileName,
    string? SourceProfileName,
    string RoleArn,
    string? RoleSessionName,
    string? ExternalId,
    string? MfaSerial,
    int? DurationSeconds);
