namespace AwsWiki.Profiles;

/// <summary>
/// One named profile merged from the credentials and config files. It never carries the secret
/// key or the session token; the access key id is masked.
/// </summary>
public sealed class AwsProfile
{
    public string ProfileName { get; set; } = string.Empty;

    public string? Region { get; set; }

    public string? Output { get; set; }

    public CredentialType CredentialType { get; set; }

    /// <summary>First 4 and last 4 characters, the middle replaced by ****.</summary>
    public string? AccessKeyId { get; set; }

    public string? RoleArn { get; set; }

    public string? SourceProfile { get; set; }

    public string? MfaSerial { get; set; }

    public string? SsoSession { get; set; }

    public string? SsoStartUrl { get; set; }

    public string? SsoAccountId { get; set; }

    public string? SsoRoleName { get; set; }

    public string? CredentialProcess { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The file or files the profile was read from, joined with "; ".</summary>
    public string Source { get; set; } = string.Empty;

    public override string ToString() => ProfileName;

    public static string? MaskAccessKeyId(string? accessKeyId)
    {
        if (string.IsNullOrEmpty(accessKeyId))
        {
            return null;
        }

        return accessKeyId!.Length < 12 ? "****" : accessKeyId.Substring(0, 4) + "****" + accessKeyId.Substring(accessKeyId.Length - 4);
    }
}
