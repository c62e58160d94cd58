using System;
using System.Collections.Concurrent;
using System.Management.Automation;

namespace AwsWiki.Commands.Internal;

/// <summary>
/// Collects progress and messages from worker threads and replays them on the pipeline thread,
/// the only thread allowed to call WriteProgress/WriteVerbose/WriteWarning.
/// </summary>
internal sealed class QueuedReporter : IActivityReporter
{
    private readonly ConcurrentQueue<Action<Cmdlet>> _pending = new();

    public void Progress(int activityId, string activity, string status, int percentComplete)
    {
        _pending.Enqueue(cmdlet => cmdlet.WriteProgress(new ProgressRecord(activityId, activity, string.IsNullOrEmpty(status) ? activity : status)
        {
            PercentComplete = Math.Max(-1, Math.Min(100, percentComplete)),
        }));
    }

    public void CompleteProgress(int activityId, string activity)
    {
        _pending.Enqueue(cmdlet => cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done")
        {
            RecordType = ProgressRecordType.Completed,
        }));
    }

    public void Verbose(string message) => _pending.Enqueue(cmdlet => cmdlet.WriteVerbose(message));

    public void Warning(string message) => _pending.Enqueue(cmdlet => cmdlet.WriteWarning(message));

    public void Drain(Cmdlet cmdlet)
    {
        while (_pending.TryDequeue(out var write))
        {
            write(cmdlet);
        }
    }
}
