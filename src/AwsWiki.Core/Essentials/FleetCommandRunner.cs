using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Essentials;

/// <summary>
/// Runs one document on many instances through SSM Run Command. Explicit instance ids: checks they
/// are managed and online, sends batches of at most 50 (SSM's limit per SendCommand). Tags or a
/// resource group: one SendCommand with SSM Targets, whatever the fleet size, so MaxConcurrency and
/// MaxErrors apply to the whole fleet. Then polls ListCommandInvocations (with details, 50 per page)
/// and ListCommands with backoff, handing each instance's outcome over as soon as it finishes.
/// </summary>
public sealed class FleetCommandRunner
{
    public const int MaxInstancesPerCommand = 50;
    public const int ProgressActivityId = 51;
    public const string ProgressActivity = "Amazon Linux essentials (SSM Run Command)";

    private static readonly HashSet<string> TerminalStatuses = new(StringComparer.OrdinalIgnoreCase) { "Success", "Failed", "TimedOut", "Cancelled" };

    private readonly IFleetCommandClient _client;
    private readonly IActivityReporter _reporter;
    private readonly PollSchedule _schedule;

    private readonly int _activityId;
    private readonly string _activity;

    /// <param name="progressLabel">Added to the progress activity when several runners report at once (one per profile and region).</param>
    public FleetCommandRunner(IFleetCommandClient client, IActivityReporter reporter, PollSchedule? schedule = null, int progressIndex = 0, string? progressLabel = null)
    {
        _client = client;
        _reporter = reporter;
        _schedule = schedule ?? PollSchedule.Default;
        _activityId = ProgressActivityId + progressIndex;
        _activity = string.IsNullOrEmpty(progressLabel) ? ProgressActivity : $"{ProgressActivity} {progressLabel}";
    }

    public static IReadOnlyList<IReadOnlyList<string>> Batch(IReadOnlyList<string> instanceIds)
    {
        var batches = new List<IReadOnlyList<string>>();
        for (var start = 0; start < instanceIds.Count; start += MaxInstancesPerCommand)
        {
            batches.Add(instanceIds.Skip(start).Take(MaxInstancesPerCommand).ToList());
        }

        return batches;
    }

    /// <summary>DescribeInstanceInformation: keeps the instances SSM manages, that are online and run Linux.</summary>
    public async Task<InstanceCheck> CheckInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Checking that SSM manages {instanceIds.Count} instance(s) (DescribeInstanceInformation).");
        var known = (await _client.DescribeInstancesAsync(instanceIds, cancellationToken).ConfigureAwait(false))
            .GroupBy(instance => instance.InstanceId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var ready = new List<string>();
        var skipped = new List<AwsWikiException>();
        foreach (var id in instanceIds)
        {
            if (!known.TryGetValue(id, out var instance))
            {
                skipped.Add(Errors.InstanceNotManaged.New(id, id, "Skipped."));
            }
            else
            {
                var problem = ProblemWith(instance);
                if (problem is null)
                {
                    ready.Add(id);
                }
                else
                {
                    skipped.Add(problem);
                }
            }
        }

        return new InstanceCheck(ready, skipped);
    }

    /// <summary>
    /// DescribeInstanceInformation with tag filters, before a command that SSM fans out itself: the
    /// instances SSM will target, and an error for each one that will not run the script (offline,
    /// not Linux). SSM still sends to those; the errors only say early what their invocations will end as.
    /// </summary>
    public async Task<InstanceCheck> CheckTaggedInstancesAsync(IReadOnlyList<CommandTarget> targets, CancellationToken cancellationToken)
    {
        var tagTargets = targets.Where(target => target.Key.StartsWith("tag:", StringComparison.Ordinal)).ToList();
        if (tagTargets.Count == 0 || tagTargets.Count != targets.Count)
        {
            // DescribeInstanceInformation has no resource-group filter: SSM alone knows those members.
            return new InstanceCheck(Array.Empty<string>(), Array.Empty<AwsWikiException>());
        }

        _reporter.Verbose($"Checking the SSM-managed instances with {FleetTargets.Describe(tagTargets)} (DescribeInstanceInformation).");
        var ready = new List<string>();
        var skipped = new List<AwsWikiException>();
        foreach (var instance in await _client.DescribeInstancesByTagAsync(tagTargets, cancellationToken).ConfigureAwait(false))
        {
            var problem = ProblemWith(instance);
            if (problem is null)
            {
                ready.Add(instance.InstanceId);
            }
            else
            {
                skipped.Add(problem);
            }
        }

        return new InstanceCheck(ready, skipped);
    }

    public async Task<SentCommand> SendAsync(FleetCommandRequest request, CancellationToken cancellationToken)
    {
        var byTargets = request.Targets is { Count: > 0 };
        if (byTargets ? request.InstanceIds.Count != 0 : request.InstanceIds.Count is 0 or > MaxInstancesPerCommand)
        {
            throw new ArgumentException(
                $"A command targets 1 to {MaxInstancesPerCommand} instances or SSM Targets, not {request.InstanceIds.Count} instance(s) and {request.Targets?.Count ?? 0} target(s).",
                nameof(request));
        }

        var commandId = await _client.SendCommandAsync(request, cancellationToken).ConfigureAwait(false);
        var what = byTargets ? FleetTargets.Describe(request.Targets!) : $"{request.InstanceIds.Count} instance(s)";
        _reporter.Verbose($"SSM command {commandId} sent to {what} (MaxConcurrency {request.MaxConcurrency}, MaxErrors {request.MaxErrors}).");
        return new SentCommand(commandId, byTargets ? Array.Empty<string>() : request.InstanceIds, byTargets);
    }

    /// <summary>Waits for every command and returns one outcome per instance, in the order they finished.</summary>
    public async Task<IReadOnlyList<(string CommandId, InvocationDetail Detail)>> WaitAsync(IReadOnlyList<SentCommand> commands,
        TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var finished = new List<(string CommandId, InvocationDetail Detail)>();
        await WaitAsync(commands, maxWait, (commandId, detail) => finished.Add((commandId, detail)), cancellationToken).ConfigureAwait(false);
        return finished;
    }

    /// <summary>
    /// Polls every command with backoff until SSM has finished it: per round one ListCommands call and
    /// one ListCommandInvocations call per 50 invocations (details included, so no call per instance),
    /// plus a GetCommandInvocation only for an invocation whose inline output was cut and that has no
    /// S3 copy. <paramref name="onFinished"/> gets each instance's outcome in the round it finished
    /// (called on the polling task). Invocations SSM has not created yet count as Pending. Whatever is
    /// still running after <paramref name="maxWait"/> is handed over with status WaitTimedOut.
    /// </summary>
    public async Task WaitAsync(IReadOnlyList<SentCommand> commands, TimeSpan maxWait, Action<string, InvocationDetail> onFinished,
        CancellationToken cancellationToken)
    {
        var open = commands.Select(command => new CommandWatch(command)).ToList();
        var doneCount = 0;
        var doneByStatus = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var deadline = DateTime.UtcNow + maxWait;
        var delay = _schedule.Initial;
        while (true)
        {
            foreach (var watch in open.Where(watch => !watch.Finished))
            {
                var commandId = watch.Command.CommandId;
                var details = await _client.ListInvocationDetailsAsync(commandId, cancellationToken).ConfigureAwait(false);
                var progress = await _client.GetCommandAsync(commandId, cancellationToken).ConfigureAwait(false);
                watch.TargetCount = Math.Max(watch.TargetCount, progress.TargetCount);
                foreach (var listed in details)
                {
                    if (watch.Reported.Contains(listed.InstanceId) || !watch.Accepts(listed.InstanceId))
                    {
                        continue;
                    }

                    if (!TerminalStatuses.Contains(listed.Status))
                    {
                        watch.Running[listed.InstanceId] = listed.Status;
                        continue;
                    }

                    var detail = listed;
                    if (listed.OutputTruncated && listed.StandardOutputUri is null)
                    {
                        // The 2,500 characters inline were not enough; GetCommandInvocation gives 24,000.
                        var full = await _client.GetInvocationAsync(commandId, listed.InstanceId, cancellationToken).ConfigureAwait(false);
                        if (full is not null && TerminalStatuses.Contains(full.Status))
                        {
                            detail = full;
                        }
                    }

                    watch.Running.Remove(listed.InstanceId);
                    watch.Reported.Add(listed.InstanceId);
                    doneCount++;
                    doneByStatus[detail.Status] = doneByStatus.TryGetValue(detail.Status, out var count) ? count + 1 : 1;
                    onFinished(commandId, detail);
                }

                if (progress.IsFinished && watch.Running.Count == 0)
                {
                    // SSM is done: instances it never created an invocation for will not get one now.
                    foreach (var id in watch.Command.InstanceIds.Where(id => !watch.Reported.Contains(id)))
                    {
                        watch.Reported.Add(id);
                        doneCount++;
                        doneByStatus["NotSent"] = doneByStatus.TryGetValue("NotSent", out var count) ? count + 1 : 1;
                        onFinished(commandId, new InvocationDetail(id, "NotSent", progress.Status, null, string.Empty, string.Empty, null));
                    }

                    watch.Finished = true;
                }
            }

            var total = open.Sum(watch => watch.Expected);
            ReportProgress(Math.Max(total, doneCount + open.Sum(watch => watch.Running.Count)), doneCount, doneByStatus, open);
            if (open.All(watch => watch.Finished))
            {
                break;
            }

            if (DateTime.UtcNow + delay > deadline)
            {
                foreach (var watch in open.Where(watch => !watch.Finished))
                {
                    foreach (var id in watch.Command.InstanceIds.Concat(watch.Running.Keys).Distinct(StringComparer.Ordinal).Where(id => !watch.Reported.Contains(id)).ToList())
                    {
                        watch.Reported.Add(id);
                        onFinished(watch.Command.CommandId,
                            new InvocationDetail(id, "WaitTimedOut", watch.Running.TryGetValue(id, out var last) ? last : "Pending", null, string.Empty, string.Empty, null));
                    }

                    if (watch.Command.ByTargets && watch.TargetCount > watch.Reported.Count)
                    {
                        _reporter.Warning($"SSM command {watch.Command.CommandId}: {watch.TargetCount - watch.Reported.Count} target(s) had no invocation yet when the wait ended; follow it with Get-SSMCommandInvocation.");
                    }
                }

                break;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = _schedule.Next(delay);
        }

        _reporter.CompleteProgress(_activityId, _activity);
    }

    private static AwsWikiException? ProblemWith(ManagedInstance instance)
    {
        var id = instance.InstanceId;
        if (!instance.IsOnline)
        {
            return Errors.InstanceNotOnline.New(id, id, instance.PingStatus);
        }

        if (!string.IsNullOrEmpty(instance.PlatformName) && instance.PlatformName!.IndexOf("Amazon Linux", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return Errors.UnsupportedPlatform.New(id, id, $"{instance.PlatformName} {instance.PlatformVersion}", "the essentials script supports Amazon Linux 2 and 2023 only.");
        }

        return null;
    }

    private void ReportProgress(int total, int done, Dictionary<string, int> doneByStatus, IReadOnlyList<CommandWatch> open)
    {
        var counts = new Dictionary<string, int>(doneByStatus, StringComparer.OrdinalIgnoreCase);
        foreach (var watch in open.Where(watch => !watch.Finished))
        {
            foreach (var status in watch.Running.Values)
            {
                counts[status] = counts.TryGetValue(status, out var count) ? count + 1 : 1;
            }
        }

        var pending = total - done - open.Where(watch => !watch.Finished).Sum(watch => watch.Running.Count);
        if (pending > 0)
        {
            counts["Pending"] = (counts.TryGetValue("Pending", out var count) ? count : 0) + pending;
        }

        if (total == 0)
        {
            _reporter.Progress(_activityId, _activity, "Waiting for SSM to resolve the targets", 0);
            return;
        }

        var text = string.Join(", ", counts.Where(entry => entry.Value > 0).OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Key} {entry.Value}"));
        _reporter.Progress(_activityId, _activity, $"{done} of {total} done: {text}", done * 100 / total);
    }

    /// <summary>What the poll loop knows of one command.</summary>
    private sealed class CommandWatch
    {
        private readonly HashSet<string>? _expected;

        public CommandWatch(SentCommand command)
        {
            Command = command;
            _expected = command.ByTargets ? null : new HashSet<string>(command.InstanceIds, StringComparer.Ordinal);
        }

        public SentCommand Command { get; }

        public Dictionary<string, string> Running { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

        public int TargetCount { get; set; }

        public bool Finished { get; set; }

        /// <summary>Explicit ids: those; SSM Targets: what SSM resolved (0 until it has).</summary>
        public int Expected => _expected?.Count ?? Math.Max(TargetCount, Reported.Count + Running.Count);

        public bool Accepts(string instanceId) => _expected is null || _expected.Contains(instanceId);
    }
}
