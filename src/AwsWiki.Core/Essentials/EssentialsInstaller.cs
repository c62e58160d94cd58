using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>What Install-AmazonLinuxEssentials was asked to do, checked.</summary>
internal sealed record EssentialsInstallSettings(
    EssentialsScript Script,
    IReadOnlyList<CommandTarget>? Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags,
    string? ResourceGroupName,
    string MaxConcurrency,
    string MaxErrors,
    int ExecutionTimeoutSec,
    string? OutputS3BucketName,
    string? OutputS3KeyPrefix,
    bool FetchOutput);

/// <summary>One instance's result and the errors that go with it (EssentialsFailed, OutputNotReadable).</summary>
internal sealed record EssentialsOutcome(AmazonLinuxEssentialsResult Result, IReadOnlyList<AwsWikiException> Errors);

/// <summary>An instance SSM finished, as the poll loop hands it over; <see cref="EssentialsInstaller.CompleteAsync"/> shapes it.</summary>
internal sealed record EssentialsFinished(EssentialsGroupRun Run, string CommandId, InvocationDetail Detail);

/// <summary>
/// The essentials fleet workflow, in phases a cmdlet drives so that ShouldProcess stays on its
/// pipeline thread: <see cref="PlanAsync"/> (credentials, pre-check and document plan for every
/// (profile, region, role) group at once, each group's failure isolated), then per group
/// <see cref="ApplyDocumentAsync"/> and <see cref="SendAsync"/> once the user agreed, then
/// <see cref="WaitAsync"/> for every group's commands together.
/// </summary>
internal sealed class EssentialsInstaller : IDisposable
{
    public const int PlanActivityId = 50;
    public const string PlanActivity = "Amazon Linux essentials (pre-check)";

    private readonly EssentialsInstallSettings _settings;
    private readonly IActivityReporter _reporter;
    private readonly PollSchedule _schedule;
    private readonly List<EssentialsGroupRun> _runs = new();
    private int _cancelled;

    public EssentialsInstaller(EssentialsInstallSettings settings, IActivityReporter reporter, PollSchedule? schedule = null)
    {
        _settings = settings;
        _reporter = reporter;
        _schedule = schedule ?? PollSchedule.FromEnvironment();
    }

    public EssentialsInstallSettings Settings => _settings;

    /// <summary>Instances SSM did not run the script on because of -MaxErrors or a cancel (Status Cancelled).</summary>
    public int CancelledCount => Volatile.Read(ref _cancelled);

    /// <summary>
    /// Checks each group's instances and plans the document, all groups at once. A group that fails
    /// comes back as one error naming its profile and region; the others go on.
    /// </summary>
    /// <param name="groups">Each (profile, region, role) group with its context, resolved by the cmdlet on its pipeline thread (MFA prompts).</param>
    public async Task<IReadOnlyList<FanOutResult<EssentialsGroupRun>>> PlanAsync(IReadOnlyList<(EssentialsGroup Group, AwsContext Context)> groups,
        CancellationToken cancellationToken)
    {
        var byScope = groups.Select((group, index) => (group.Group, group.Context, Scope: group.Group.Scope, Index: index)).ToList();
        var fanOut = new FanOut(_reporter, PlanActivityId, PlanActivity);
        var results = await fanOut.RunAsync(byScope.Select(item => item.Scope).ToList(), async (scope, token) =>
        {
            var item = byScope.First(candidate => ReferenceEquals(candidate.Scope, scope));
            var context = item.Context;
            var label = groups.Count > 1 ? $"[{item.Group.Profile ?? "default"} {context.RegionName}]" : null;
            var run = new EssentialsGroupRun(item.Group, context, label, _reporter, _schedule, item.Index);
            try
            {
                await run.PlanAsync(_settings, token).ConfigureAwait(false);
                return run;
            }
            catch
            {
                run.Dispose();
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
        fanOut.Complete();
        lock (_runs)
        {
            _runs.AddRange(results.Where(result => result.Value is not null).Select(result => result.Value!));
        }

        return results;
    }

    /// <summary>Creates or updates the module's document as planned; returns the version to run.</summary>
    public async Task<string> ApplyDocumentAsync(EssentialsGroupRun run, CancellationToken cancellationToken)
    {
        using var store = new SsmEssentialsDocumentStore(run.Context);
        var version = await store.ApplyAsync(run.Document, run.DocumentPlan!, cancellationToken).ConfigureAwait(false);
        _reporter.Verbose($"SSM document {run.Document.Name} v{version} in {run.Context.RegionName} has the essentials script (sha256 {run.Document.Hash}).");
        return version;
    }

    /// <summary>Sends one batch (explicit ids) or the one command SSM fans out (targets); the command joins the group's wait.</summary>
    public async Task<AmazonLinuxEssentialsCommand> SendAsync(EssentialsGroupRun run, IReadOnlyList<string> batch, string version, CancellationToken cancellationToken)
    {
        var targets = _settings.Targets;
        var request = new FleetCommandRequest(batch, EssentialsDocument.DefaultName, Array.Empty<string>(), _settings.ExecutionTimeoutSec,
            _settings.MaxConcurrency, _settings.MaxErrors, "AwsWiki Install-AmazonLinuxEssentials", targets, version,
            _settings.Script.ToDocumentParameters(_settings.ExecutionTimeoutSec), _settings.OutputS3BucketName,
            string.IsNullOrEmpty(_settings.OutputS3BucketName) ? null : _settings.OutputS3KeyPrefix);
        var command = await run.Runner.SendAsync(request, cancellationToken).ConfigureAwait(false);
        run.Sent.Add(command);
        return new AmazonLinuxEssentialsCommand
        {
            CommandId = command.CommandId,
            InstanceCount = targets is null ? batch.Count : run.Ready.Count,
            InstanceIds = string.Join(",", batch),
            DocumentName = EssentialsDocument.DefaultName,
            DocumentVersion = version,
            MaxConcurrency = _settings.MaxConcurrency,
            MaxErrors = _settings.MaxErrors,
            Targets = targets is null ? string.Empty : FleetTargets.Describe(targets),
            Region = run.Context.RegionName,
            ProfileName = run.ProfileName,
        };
    }

    /// <summary>
    /// Polls every group's commands at once; <paramref name="onFinished"/> gets each instance as it
    /// finishes (from a polling task). Returns one error per group whose polling failed, naming it.
    /// </summary>
    public async Task<IReadOnlyList<AwsWikiException>> WaitAsync(IReadOnlyList<EssentialsGroupRun> runs, Action<EssentialsFinished> onFinished,
        CancellationToken cancellationToken)
    {
        // SSM may hold an invocation for its delivery timeout (an hour by default) before running it.
        var maxWait = TimeSpan.FromSeconds(_settings.ExecutionTimeoutSec) + TimeSpan.FromHours(1);
        var failures = await Task.WhenAll(runs.Where(run => run.Sent.Count > 0).Select(async run =>
        {
            try
            {
                await run.Runner.WaitAsync(run.Sent, maxWait, (commandId, detail) => onFinished(new EssentialsFinished(run, commandId, detail)), cancellationToken)
                    .ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return FanOut.Isolate(run.Scope, e);
            }
        })).ConfigureAwait(false);
        return failures.Where(failure => failure is not null).Select(failure => failure!).ToList();
    }

    /// <summary>Shapes one finished instance: the full output from S3 with -FetchOutput, its result, and its error when it failed.</summary>
    public async Task<EssentialsOutcome> CompleteAsync(EssentialsFinished finished, CancellationToken cancellationToken)
    {
        var (run, commandId, detail) = finished;
        var errors = new List<AwsWikiException>();
        var fullOutput = string.Empty;
        if (_settings.FetchOutput && detail.StandardOutputUri is { } outputUri)
        {
            try
            {
                fullOutput = await run.S3Reader.ReadAsync(outputUri, cancellationToken).ConfigureAwait(false) ?? string.Empty;
                var fullError = detail.StandardErrorUri is null ? null : await run.S3Reader.ReadAsync(detail.StandardErrorUri, cancellationToken).ConfigureAwait(false);
                detail = detail with { StandardOutput = fullOutput.Length > 0 ? fullOutput : detail.StandardOutput, StandardError = fullError ?? detail.StandardError };
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                errors.Add(Errors.OutputNotReadable.Wrap(e, outputUri, outputUri, detail.InstanceId, e.Message));
            }
        }

        var result = AmazonLinuxEssentialsResult.From(commandId, detail);
        result.Region = run.Context.RegionName;
        result.ProfileName = run.ProfileName;
        result.Output = fullOutput;
        if (result.Status == "Cancelled")
        {
            // Not run because MaxErrors was reached: one warning at the end, not an error each.
            Interlocked.Increment(ref _cancelled);
        }
        else if (result.Status != "Success" && !run.PreFlagged.Contains(result.InstanceId))
        {
            errors.Add(result.ToFailure());
        }

        return new EssentialsOutcome(result, errors);
    }

    /// <summary>The warning for instances SSM cancelled, or null.</summary>
    public string? CancelledWarning() => CancelledCount == 0
        ? null
        : $"SSM did not run the script on {CancelledCount} instance(s) (Status Cancelled): the failures exceeded -MaxErrors {_settings.MaxErrors}, or someone cancelled the command.";

    public void Dispose()
    {
        lock (_runs)
        {
            foreach (var run in _runs)
            {
                run.Dispose();
            }

            _runs.Clear();
        }
    }
}
