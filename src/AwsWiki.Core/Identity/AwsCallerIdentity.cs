namespace AwsWiki.Identity;

/// <summary>Who the resolved credentials belong to: the "who am I now" check after a switch.</summary>
public sealed class AwsCallerIdentity
{
    public string Account { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string? ProfileName { get; set; }

    public string Region { get; set; } = string.Empty;
}
