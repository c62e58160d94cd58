namespace AwsWiki.Aws;

/// <summary>Where one piece of fan-out work runs: profile, account, role and region (any may be unknown when a failure came first).</summary>
internal sealed class FanOutScope
{
    public FanOutScope(string? profileName, string? accountId, string? region, string? roleArn = null)
    {
        ProfileName = profileName;
        AccountId = accountId;
        Region = region;
        RoleArn = roleArn;
    }

    public string? ProfileName { get; }

    public string? AccountId { get; }

    public string? Region { get; }

    /// <summary>The role the work runs as, when one was assumed for it (an organization account's).</summary>
    public string? RoleArn { get; }

    public FanOutScope InRegion(string region) => new(ProfileName, AccountId, region, RoleArn);

    public FanOutScope ForAccount(string accountId, string? roleArn) => new(ProfileName, accountId, Region, roleArn);

    public override string ToString() =>
        $"profile '{ProfileName ?? "(default)"}', account {AccountId ?? "(unknown)"}, region {Region ?? "(all)"}";
}
