namespace AwsWiki.Essentials;

/// <summary>What SSM knows of one managed instance.</summary>
public sealed record ManagedInstance(string InstanceId, string PingStatus, string? PlatformName, string? PlatformVersion)
{
    public bool IsOnline => PingStatus == "Online";
}
