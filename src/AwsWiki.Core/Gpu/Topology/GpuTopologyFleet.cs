using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Essentials;

namespace AwsWiki.Gpu.Topology;

/// <summary>
/// Reads `nvidia-smi topo -m` and `nvlink -s` from many instances through SSM Run Command
/// (AWS-RunShellScript) with the module's fleet runner (batches of 50, polling, per-instance
/// outcomes), and judges each against its instance type from EC2.
/// </summary>
internal sealed class GpuTopologyFleet
{
    public const string DocumentName = "AWS-RunShellScript";
    public const string ProgressActivity = "GPU topology (SSM Run Command)";
    public const int ProgressActivityId = 60;

    /// <summary>Exit code of the script when nvidia-smi is missing (the shell's "command not found").</summary>
    public const int NvidiaSmiMissingExitCode = 127;

    /// <summary>What runs on each instance: the matrix, a blank line, the link status (optional).</summary>
    public static readonly IReadOnlyList<string> Script = new[]
    {
        "if ! command -v nvidia-smi >/dev/null 2>&1; then echo 'nvidia-smi not found on this instance' >&2; exit 127; fi",
        "nvidia-smi topo -m || exit $?",
        "echo",
        "nvidia-smi nvlink -s 2>/dev/null || true",
    };

    private readonly IFleetCommandClient _client;
    private readonly IInstanceTypeLookup _types;
    private readonly IActivityReporter _reporter;
    private readonly PollSchedule? _schedule;

    public GpuTopologyFleet(IFleetCommandClient client, IInstanceTypeLookup types, IActivityReporter reporter, PollSchedule? schedule = null)
    {
        _client = client;
        _types = types;
        _reporter = reporter;
        _schedule = schedule;
    }

    /// <param name="instanceType">When set, used for every instance instead of EC2's answer.</param>
    /// <summary>
    /// Instances of several regions (one context each, the same credentials) through the fan-out
    /// engine: a region that fails is one error naming it; the others go on.
    /// </summary>
    public static async Task<IReadOnlyList<FanOutResult<IReadOnlyList<GpuTopologyFleetResult>>>> RunRegionsAsync(
        IReadOnlyList<(AwsContext Context, IReadOnlyList<string> InstanceIds)> regions, string? instanceType, int timeoutSeconds,
        IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var scopes = regions.Select(region => new FanOutScope(region.Context.ProfileName, null, region.Context.RegionName)).ToList();
        var fanOut = new FanOut(reporter, ProgressActivityId, ProgressActivity);
        try
        {
            return await fanOut.RunAsync(scopes, async (scope, token) =>
            {
                var (context, ids) = regions[scopes.IndexOf(scope)];
                using var client = new SsmFleetCommandClient(context);
                using var types = new Ec2InstanceTypeLookup(context);
                return await new GpuTopologyFleet(client, types, reporter).RunAsync(ids, instanceType, timeoutSeconds, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fanOut.Complete();
        }
    }

    public async Task<IReadOnlyList<GpuTopologyFleetResult>> RunAsync(IReadOnlyList<string> instanceIds, string? instanceType,
        int timeoutSeconds, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, GpuTopologyFleetResult>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string> types = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(instanceType))
        {
            _reporter.Verbose($"Looking up the instance type of {instanceIds.Count} instance(s) (EC2 DescribeInstances).");
            try
            {
                types = await _types.GetInstanceTypesAsync(instanceIds, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The matrices are still worth reading; without a type the verdict is Unknown.
                _reporter.Warning($"Could not look up the instance types (EC2 DescribeInstances: {e.Message}); give -InstanceType to check the topologies.");
            }
        }

        var ready = await CheckAsync(instanceIds, results, cancellationToken).ConfigureAwait(false);
        var runner = new FleetCommandRunner(_client, new RenamingReporter(_reporter), _schedule);
        var sent = new List<SentCommand>();
        foreach (var batch in FleetCommandRunner.Batch(ready))
        {
            try
            {
                // Read-only: every instance runs at once, and one failure must not cancel the others.
                sent.Add(await runner.SendAsync(new FleetCommandRequest(batch, DocumentName, Script, timeoutSeconds, "100%", "100%",
                    "AwsWiki Get-GpuTopology"), cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var id in batch)
                {
                    results[id] = new GpuTopologyFleetResult(id, null, Errors.SendCommandFailed.Wrap(e, id, id, e.Message));
                }
            }
        }

        if (sent.Count > 0)
        {
            // SSM may hold an invocation until its delivery timeout before it runs.
            var outcomes = await runner.WaitAsync(sent, TimeSpan.FromSeconds(timeoutSeconds) + TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            foreach (var (commandId, detail) in outcomes)
            {
                var type = instanceType ?? (types.TryGetValue(detail.InstanceId, out var found) ? found : null);
                results[detail.InstanceId] = Judge(commandId, detail, type);
            }
        }

        return instanceIds.Where(results.ContainsKey).Select(id => results[id]).ToList();
    }

    private async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<string> instanceIds, Dictionary<string, GpuTopologyFleetResult> results,
        CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Checking that SSM manages {instanceIds.Count} instance(s) (DescribeInstanceInformation).");
        var known = (await _client.DescribeInstancesAsync(instanceIds, cancellationToken).ConfigureAwait(false))
            .GroupBy(instance => instance.InstanceId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var ready = new List<string>();
        foreach (var id in instanceIds)
        {
            AwsWikiException? skip = null;
            if (!known.TryGetValue(id, out var instance))
            {
                skip = Errors.InstanceNotManaged.New(id, id, "Skipped.");
            }
            else if (!instance.IsOnline)
            {
                skip = Errors.InstanceNotOnline.New(id, id, instance.PingStatus);
            }
            else if (instance.PlatformName?.IndexOf("Windows", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Any Linux with the NVIDIA driver will do (Amazon Linux, Ubuntu DLAMIs); AWS-RunShellScript needs a shell.
                skip = Errors.UnsupportedPlatform.New(id, id, instance.PlatformName, "AWS-RunShellScript needs Linux.");
            }

            if (skip is null)
            {
                ready.Add(id);
            }
            else
            {
                results[id] = new GpuTopologyFleetResult(id, null, skip);
            }
        }

        return ready;
    }

    private static GpuTopologyFleetResult Judge(string commandId, InvocationDetail detail, string? instanceType)
    {
        var id = detail.InstanceId;
        if (detail.Status != "Success")
        {
            var missing = detail.ResponseCode == NvidiaSmiMissingExitCode;
            var tail = (detail.StandardError.Trim().Length > 0 ? detail.StandardError : detail.StandardOutput).Trim();
            var ending = (detail.StatusDetails is { Length: > 0 } details && details != detail.Status ? $" ({details})" : string.Empty) +
                (detail.ResponseCode is { } code && code >= 0 ? $", exit code {code}" : string.Empty) +
                (tail.Length > 0 ? ": " + Tail(tail) : ".");
            return new GpuTopologyFleetResult(id, null, missing
                ? Errors.NvidiaSmiNotFound.New(id, "instance " + id, $" SSM command {commandId} ended {detail.Status}{ending}")
                : Errors.GpuTopologyCommandFailed.New(id, id, commandId, detail.Status, ending));
        }

        try
        {
            var parsed = GpuTopologyParser.Parse(detail.StandardOutput, id);
            return new GpuTopologyFleetResult(id, GpuTopologyAnalyzer.Analyze(parsed, id, instanceType), null);
        }
        catch (AwsWikiException e)
        {
            return new GpuTopologyFleetResult(id, null, e);
        }
    }

    private static string Tail(string text) => text.Length <= 300 ? text : "..." + text.Substring(text.Length - 300);

    /// <summary>Shows the runner's progress under this command's name instead of the essentials one.</summary>
    private sealed class RenamingReporter : IActivityReporter
    {
        private readonly IActivityReporter _inner;

        public RenamingReporter(IActivityReporter inner) => _inner = inner;

        public void Progress(int activityId, string activity, string status, int percentComplete) =>
            _inner.Progress(activityId, ProgressActivity, status, percentComplete);

        public void CompleteProgress(int activityId, string activity) => _inner.CompleteProgress(activityId, ProgressActivity);

        public void Verbose(string message) => _inner.Verbose(message);

        public void Warning(string message) => _inner.Warning(message);
    }
}
