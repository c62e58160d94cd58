namespace AwsWiki.Aws;

/// <summary>
/// The common parameters as AWS Tools for PowerShell names them, plus the session defaults that
/// AWS Tools' Set-AWSCredential / Set-DefaultAWSRegion leave behind.
/// </summary>
public sealed class AwsConnectionOptions
{
    public string? ProfileName { get; set; }

    public string? Region { get; set; }

    /// <summary>The -Credential value: see <see cref="AwsWiki.Credentials.CredentialObjects"/> (the cmdlet assembly cannot name the SDK types).</summary>
    public object? Credential { get; set; }

    public string? EndpointUrl { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string? SessionToken { get; set; }

    /// <summary>The value of $StoredAWSCredentials, if any: AWSCredentials, a profile name, or an object naming one.</summary>
    public object? StoredCredentials { get; set; }

    /// <summary>The value of $StoredAWSRegion, if any.</summary>
    public string? StoredRegion { get; set; }

    /// <summary>-TimeoutSec: how long one AWS request may take, retries included; null for the default.</summary>
    public int? TimeoutSec { get; set; }

    /// <summary>Where an assume-role profile's MFA code comes from (-MfaTokenCode, the host's prompt).</summary>
    public AwsWiki.Credentials.MfaCodeSource? MfaCode { get; set; }
}
