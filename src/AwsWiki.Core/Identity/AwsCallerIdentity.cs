namespace AwsWiki.Identity;

/// <summary>Who the resolved credentials belong to: the "who am I now" check after a switch.</summary>
public sealed class AwsCallerIdentity
{
    public string Account { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string? ProfileName { get; set; }

    public string Region { get; set; } = string.Empty;

    /// <summary>
    /// True when the credentials are the account's root user (arn:aws:iam::ACCOUNT:root), which
    /// the runbook notes advise against for daily work: use an IAM user or role instead.
    /// </summary>
    public bool IsRoot => Arn.EndsWith(":root", System.StringComparison.Ordinal);
}
