namespace AwsWiki.Instances;

/// <summary>Where a listing ran or failed: profile, account and region (either may be unknown when the failure came first).</summary>
public sealed class InstanceScope
{
    public InstanceScope(string? profileName, string? accountId, string? region)
    {
        ProfileName = profileName;
        AccountId = accountId;
        Region = region;
    }

    public string? ProfileName { get; }

    public string? AccountId { get; }

    public string? Region { get; }

    public override string ToString() =>
        $"profile '{ProfileName ?? "(default)"}', account {AccountId ?? "(unknown)"}, region {Region ?? "(all)"}";
}
