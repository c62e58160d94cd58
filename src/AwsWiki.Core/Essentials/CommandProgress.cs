namespace AwsWiki.Essentials;

/// <summary>A command's state as ListCommands reports it: its status and how many targets SSM resolved.</summary>
public sealed record CommandProgress(string CommandId, string Status, int TargetCount, int CompletedCount, int ErrorCount)
{
    /// <summary>True once SSM will create and finish no more invocations for this command.</summary>
    public bool IsFinished => Status is "Success" or "Failed" or "TimedOut" or "Cancelled";
}
