namespace AwsWiki;

/// <summary>
/// How core workflows talk to the user while they run. Implementations may be called from any
/// thread; the cmdlet layer queues the calls and replays them on the pipeline thread.
/// </summary>
public interface IActivityReporter
{
    /// <param name="percentComplete">0 to 100, or -1 when unknown.</param>
    void Progress(int activityId, string activity, string status, int percentComplete);

    void CompleteProgress(int activityId, string activity);

    void Verbose(string message);

    void Warning(string message);
}

/// <summary>Reporter that drops everything; for callers that do not need to show progress.</summary>
public sealed class NullActivityReporter : IActivityReporter
{
    public static readonly NullActivityReporter Instance = new();

    public void Progress(int activityId, string activity, string status, int percentComplete)
    {
    }

    public void CompleteProgress(int activityId, string activity)
    {
    }

    public void Verbose(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
