using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Essentials;

/// <summary>
/// Runs one shell command on many instances through SSM Run Command: checks the instances are
/// managed and online, sends batches of at most 50 (SSM's limit per SendCommand) and lets SSM pace
/// them with MaxConcurrency/MaxErrors, then polls until every invocation has finished.
/// </summary>
public sealed class FleetCommandRunner
{
    public const int MaxInstancesPerCommand = 50;
    public const int ProgressActivityId = 51;
    public const string ProgressActivity = "Amazon Linux essentials (SSM Run Command)";

    // Parallel GetCommandInvocation calls; low enough to stay clear of SSM's API throttling.
    private const int DetailFetchConcurrency = 4;

    private static readonly HashSet<string> TerminalStatuses = new(StringComparer.OrdinalIgnoreCase) { "Success", "Failed", "TimedOut", "Cancelled" };

    private readonly IFleetCommandClient _client;
    private readonly IActivityReporter _reporter;
    private readonly PollSchedule _schedule;

    public FleetCommandRunner(IFleetCommandClient client, IActivityReporter reporter, PollSchedule? schedule = null)
    {
        _client = client;
        _reporter = reporter;
        _schedule = schedule ?? PollSchedule.Default;
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
                skipped.Add(new AwsWikiException("InstanceNotManaged", FailureKind.ResourceUnavailable, id,
                    $"Instance {id} is not managed by SSM (no SSM Agent registration in this account and region; check the agent and the instance profile's AmazonSSMManagedInstanceCore policy). Skipped."));
            }
            else if (!instance.IsOnline)
            {
                skipped.Add(new AwsWikiException("InstanceNotOnline", FailureKind.ResourceUnavailable, id,
                    $"Instance {id} is managed by SSM but its agent is {instance.PingStatus}, not Online. Skipped."));
            }
            else if (!string.IsNullOrEmpty(instance.PlatformName) && instance.PlatformName!.IndexOf("Amazon Linux", StringComparison.OrdinalIgnoreCase) < 0)
            {
                skipped.Add(new AwsWikiException("UnsupportedPlatform", FailureKind.InvalidOperation, id,
                    $"Instance {id} runs {instance.PlatformName} {instance.PlatformVersion}; the essentials script supports Amazon Linux 2 and 2023 only. Skipped."));
            }
            else
            {
                ready.Add(id);
            }
        }

        return new InstanceCheck(ready, skipped);
    }

    public async Task<SentCommand> SendAsync(FleetCommandRequest request, CancellationToken cancellationToken)
    {
        if (request.InstanceIds.Count is 0 or > MaxInstancesPerCommand)
        {
            throw new ArgumentException($"A command targets 1 to {MaxInstancesPerCommand} instances, not {request.InstanceIds.Count}.", nameof(request));
        }

        var commandId = await _client.SendCommandAsync(request, cancellationToken).ConfigureAwait(false);
        _reporter.Verbose($"SSM command {commandId} sent to {request.InstanceIds.Count} instance(s) (MaxConcurrency {request.MaxConcurrency}, MaxErrors {request.MaxErrors}).");
        return new SentCommand(commandId, request.InstanceIds);
    }

    /// <summary>
    /// Polls every command's invocations (ListCommandInvocations, one call per 50 instances) with
    /// backoff, fetches each finished invocation's output (GetCommandInvocation), and returns one
    /// outcome per instance. Invocations SSM has not created yet count as Pending. Whatever is still
    /// running after <paramref name="maxWait"/> comes back with status WaitTimedOut.
    /// </summary>
    public async Task<IReadOnlyList<(string CommandId, InvocationDetail Detail)>> WaitAsync(IReadOnlyList<SentCommand> commands,
        TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var status = new Dictionary<(string CommandId, string InstanceId), string>();
        foreach (var command in commands)
        {
            foreach (var id in command.InstanceIds)
            {
                status[(command.CommandId, id)] = "Pending";
            }
        }

        var total = status.Count;
        var finished = new List<(string CommandId, InvocationDetail Detail)>();
        var deadline = DateTime.UtcNow + maxWait;
        var delay = _schedule.Initial;
        while (true)
        {
            foreach (var commandId in status.Keys.Select(key => key.CommandId).Distinct().ToList())
            {
                foreach (var state in await _client.ListInvocationsAsync(commandId, cancellationToken).ConfigureAwait(false))
                {
                    if (status.ContainsKey((commandId, state.InstanceId)))
                    {
                        status[(commandId, state.InstanceId)] = state.Status;
                    }
                }
            }

            var done = status.Where(entry => TerminalStatuses.Contains(entry.Value)).Select(entry => entry.Key).ToList();
            foreach (var (key, detail) in await FetchDetailsAsync(done, cancellationToken).ConfigureAwait(false))
            {
                if (detail is null || !TerminalStatuses.Contains(detail.Status))
                {
                    continue; // Not readable yet (InvocationDoesNotExist just after the list saw it): next round.
                }

                finished.Add((key.CommandId, detail));
                status.Remove(key);
            }

            ReportProgress(total, finished, status.Values);
            if (status.Count == 0)
            {
                break;
            }

            if (DateTime.UtcNow + delay > deadline)
            {
                foreach (var key in status.Keys)
                {
                    finished.Add((key.CommandId, new InvocationDetail(key.InstanceId, "WaitTimedOut", status[key], null, string.Empty, string.Empty, null)));
                }

                break;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = _schedule.Next(delay);
        }

        _reporter.CompleteProgress(ProgressActivityId, ProgressActivity);
        return finished;
    }

    /// <summary>GetCommandInvocation for finished invocations, a few at a time: one call each, and a fleet finishes in waves.</summary>
    private async Task<IReadOnlyList<((string CommandId, string InstanceId) Key, InvocationDetail? Detail)>> FetchDetailsAsync(
        IReadOnlyList<(string CommandId, string InstanceId)> keys, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(DetailFetchConcurrency);
        var tasks = keys.Select(async key =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (key, await _client.GetInvocationAsync(key.CommandId, key.InstanceId, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private void ReportProgress(int total, IReadOnlyList<(string CommandId, InvocationDetail Detail)> finished, IEnumerable<string> running)
    {
        var counts = finished.Select(outcome => outcome.Detail.Status).Concat(running)
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key} {group.Count()}");
        var status = $"{finished.Count} of {total} done: {string.Join(", ", counts)}";
        _reporter.Progress(ProgressActivityId, ProgressActivity, status, total == 0 ? 100 : finished.Count * 100 / total);
    }
}
