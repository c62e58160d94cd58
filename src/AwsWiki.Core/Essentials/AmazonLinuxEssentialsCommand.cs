namespace AwsWiki.Essentials;

/// <summary>A command sent without waiting (-NoWait): follow it with Get-SSMCommandInvocation or the console.</summary>
public sealed class AmazonLinuxEssentialsCommand
{
    public string CommandId { get; set; } = string.Empty;

    public int InstanceCount { get; set; }

    /// <summary>The batch's instance ids, comma-separated; empty for a command sent to Targets.</summary>
    public string InstanceIds { get; set; } = string.Empty;

    public string DocumentName { get; set; } = string.Empty;

    public string MaxConcurrency { get; set; } = string.Empty;

    public string MaxErrors { get; set; } = string.Empty;

    /// <summary>The SSM Targets (tag:Role=web, resource-groups:Name=prod) when SSM resolves the instances; empty for explicit ids.</summary>
    public string Targets { get; set; } = string.Empty;

    public string DocumentVersion { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string ProfileName { get; set; } = string.Empty;
}
