using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Runs the essentials script (the module's SSM document) on many instances through SSM Run Command.
/// -Tag / -ResourceGroupName: one command per profile and region with SSM Targets; SSM resolves the
/// fleet and applies MaxConcurrency and MaxErrors to all of it. -InstanceId (or piped objects with
/// InstanceId, Region, ProfileName): one set of commands per (profile, region), in batches of 50.
/// Results stream out one per instance as each finishes.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "AmazonLinuxEssentials", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByInstanceIdSet)]
[OutputType(typeof(AmazonLinuxEssentialsResult))]
[OutputType(typeof(AmazonLinuxEssentialsCommand))]
public sealed class InstallAmazonLinuxEssentialsCommand : AwsConnectionCmdlet
{
    private const string ByInstanceIdSet = "ByInstanceId";
    private const string ByTagSet = "ByTag";
    private const string ByResourceGroupSet = "ByResourceGroup";

    private static readonly Regex InstanceIdPattern = new(@"^(i|mi)-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant);

    // Insertion-ordered groups of instance ids, one per (profile, region) as the pipeline gave them.
    private readonly List<InstanceGroup> _groups = new();
    private EssentialsScript? _script;
    private Dictionary<string, IReadOnlyList<string>>? _tags;
    private int _cancelled;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByInstanceIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string[] InstanceId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByTagSet)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = ByTagSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByResourceGroupSet)]
    public string? ResourceGroupName { get; set; }

    /// <summary>The region to call; bound from piped objects' Region property, so one call covers several regions.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>
    /// The profile to use; bound from piped objects' ProfileName property, so one call covers several
    /// accounts. Hides the base parameter only to add pipeline binding.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public new string? ProfileName { get; set; }

    /// <summary>
    /// A role to assume with the profile's credentials; bound from Get-AwsInstance's rows for
    /// organization member accounts, which name the role they were listed through.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    [Parameter]
    public string[]? Package { get; set; }

    [Parameter]
    public SwitchParameter ExcludeDocker { get; set; }

    [Parameter]
    public string MaxConcurrency { get; set; } = "25%";

    [Parameter]
    public string MaxErrors { get; set; } = "10%";

    [Parameter]
    public int TimeoutSeconds { get; set; } = 1800;

    [Parameter]
    public string? OutputS3BucketName { get; set; }

    [Parameter]
    public string? OutputS3KeyPrefix { get; set; }

    [Parameter]
    public SwitchParameter FetchOutput { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            EssentialsInput.ValidateRateControl(MaxConcurrency, MaxErrors);
            EssentialsInput.ValidateTimeout(TimeoutSeconds);
            EssentialsInput.ValidateS3Output(OutputS3BucketName, OutputS3KeyPrefix, FetchOutput);
            _script = EssentialsScript.Create(Package, includeDocker: !ExcludeDocker);
            if (ParameterSetName != ByInstanceIdSet)
            {
                _tags = EssentialsInput.ParseTags(Tag);
                FleetTargets.From(_tags, ResourceGroupName);
            }
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != ByInstanceIdSet)
        {
            return;
        }

        var profile = string.IsNullOrWhiteSpace(ProfileName) ? null : ProfileName!.Trim();
        var region = string.IsNullOrWhiteSpace(Region) ? null : Region!.Trim();
        var role = string.IsNullOrWhiteSpace(RoleArn) ? null : RoleArn!.Trim();
        var group = _groups.FirstOrDefault(g => g.Profile == profile && g.Region == region && g.RoleArn == role);
        if (group is null)
        {
            group = new InstanceGroup(profile, region, role);
            _groups.Add(group);
        }

        foreach (var raw in InstanceId)
        {
            var id = raw?.Trim() ?? string.Empty;
            if (!InstanceIdPattern.IsMatch(id))
            {
                // Terminating: nothing has been sent yet, and a typo in a fleet list should stop the whole run.
                ThrowFailure(new AwsWikiException("InvalidInstanceId", FailureKind.InvalidArgument, raw,
                    $"'{raw}' is not an instance id (i-0123456789abcdef0). Nothing was sent."), raw);
            }

            if (!group.InstanceIds.Contains(id, StringComparer.Ordinal))
            {
                group.InstanceIds.Add(id);
            }
        }
    }

    protected override void EndProcessing()
    {
        var groups = ParameterSetName == ByInstanceIdSet
            ? _groups.Where(group => group.InstanceIds.Count > 0).ToList()
            : new List<InstanceGroup> { new(string.IsNullOrWhiteSpace(ProfileName) ? null : ProfileName, string.IsNullOrWhiteSpace(Region) ? null : Region, string.IsNullOrWhiteSpace(RoleArn) ? null : RoleArn) };
        var runs = new List<GroupRun>();
        try
        {
            foreach (var group in groups)
            {
                var run = Send(group, groups.Count > 1 ? runs.Count : -1);
                if (run is not null)
                {
                    runs.Add(run);
                }
            }

            if (!NoWait && runs.Count > 0)
            {
                Wait(runs);
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }

    /// <summary>One (profile, region): its own credentials, pre-check, document version and commands.</summary>
    private GroupRun? Send(InstanceGroup group, int index)
    {
        // One context per (profile, region) through the base resolver: one AssumeRole or SSO read per group.
        base.ProfileName = group.Profile;
        AssumeRoleArn = group.RoleArn;
        var context = ResolveContext(group.Region);
        var label = index < 0 ? null : $"[{group.Profile ?? "default"} {context.RegionName}]";
        var run = new GroupRun(group, context, new SsmFleetCommandClient(context), label);
        var runner = new FleetCommandRunner(run.Client, Reporter, PollSchedule.FromEnvironment(), Math.Max(index, 0), label);
        run.Runner = runner;
        try
        {
            var targets = ParameterSetName == ByInstanceIdSet ? null : FleetTargets.From(_tags, ResourceGroupName);
            var ready = targets is null ? CheckInstances(run, group.InstanceIds) : CheckTargets(run, targets);
            if (ready is null)
            {
                run.Dispose();
                return null;
            }

            var version = EnsureDocument(context);
            var script = _script!;
            var packages = string.Join(", ", script.Packages);
            var document = $"SSM document {EssentialsDocument.DefaultName} {(version is null ? "(new version)" : "v" + version)}";
            var batches = targets is null ? FleetCommandRunner.Batch(ready) : new[] { (IReadOnlyList<string>)Array.Empty<string>() };
            foreach (var batch in batches)
            {
                var target = targets is null
                    ? $"{batch.Count} instance(s) in {context.RegionName}: {string.Join(", ", batch)}"
                    : $"instances with {FleetTargets.Describe(targets)} in {context.RegionName} ({(string.IsNullOrEmpty(ResourceGroupName) ? $"{ready.Count} managed and online now" : "SSM resolves the group's members")})";
                var pacing = targets is null ? string.Empty : $"; one command, MaxConcurrency {MaxConcurrency} and MaxErrors {MaxErrors} across the fleet";
                if (!ShouldProcess(target, $"Install Amazon Linux essentials ({packages}) with {document}{pacing}") || version is null)
                {
                    continue;
                }

                try
                {
                    var request = new FleetCommandRequest(batch, EssentialsDocument.DefaultName, Array.Empty<string>(), TimeoutSeconds, MaxConcurrency, MaxErrors,
                        "AwsWiki Install-AmazonLinuxEssentials", targets, version, script.ToDocumentParameters(TimeoutSeconds),
                        OutputS3BucketName, string.IsNullOrEmpty(OutputS3BucketName) ? null : OutputS3KeyPrefix);
                    var command = Await(runner.SendAsync(request, CancelToken));
                    run.Sent.Add(command);
                    if (NoWait)
                    {
                        WriteObject(new AmazonLinuxEssentialsCommand
                        {
                            CommandId = command.CommandId,
                            InstanceCount = targets is null ? batch.Count : ready.Count,
                            InstanceIds = string.Join(",", batch),
                            DocumentName = EssentialsDocument.DefaultName,
                            DocumentVersion = version,
                            MaxConcurrency = MaxConcurrency,
                            MaxErrors = MaxErrors,
                            Targets = targets is null ? string.Empty : FleetTargets.Describe(targets),
                            Region = context.RegionName,
                            ProfileName = group.Profile ?? context.ProfileName ?? string.Empty,
                        });
                    }
                }
                catch (Exception e) when (e is not PipelineStoppedException)
                {
                    WriteFailure(e, batch.Count > 0 ? batch.ToArray() : FleetTargets.Describe(targets!));
                }
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException and not ActionPreferenceStopException)
        {
            // This (profile, region) failed as a whole; the other groups go on.
            WriteFailure(e, $"{group.Profile ?? "default"}/{context.RegionName}");
        }

        if (run.Sent.Count == 0)
        {
            run.Dispose();
            return null;
        }

        return run;
    }

    /// <summary>DescribeInstanceInformation for explicit ids: one error per instance that cannot run the script.</summary>
    private IReadOnlyList<string>? CheckInstances(GroupRun run, IReadOnlyList<string> ids)
    {
        var check = Await(run.Runner!.CheckInstancesAsync(ids, CancelToken));
        foreach (var skipped in check.Skipped)
        {
            WriteFailure(skipped, skipped.Target);
        }

        return check.Ready.Count == 0 ? null : check.Ready;
    }

    /// <summary>
    /// Before a command SSM fans out: running EC2 instances with the tags that SSM does not manage
    /// (SSM will not target them) and managed ones that are offline or not Amazon Linux each get an
    /// error now; SSM's own results for the latter get no second error.
    /// </summary>
    private IReadOnlyList<string>? CheckTargets(GroupRun run, IReadOnlyList<CommandTarget> targets)
    {
        var check = Await(run.Runner!.CheckTaggedInstancesAsync(targets, CancelToken));
        if (!string.IsNullOrEmpty(ResourceGroupName))
        {
            WriteVerbose($"Resource group {ResourceGroupName}: SSM resolves its members; no pre-check.");
            return check.Ready;
        }

        using var directory = new Ec2InstanceDirectory(run.Context);
        var running = Await(directory.FindRunningInstancesAsync(_tags!, CancelToken));
        var managed = new HashSet<string>(check.Ready.Concat(check.Skipped.Select(skipped => skipped.Target as string ?? string.Empty)), StringComparer.Ordinal);
        foreach (var id in running.Where(id => !managed.Contains(id)))
        {
            WriteFailure(new AwsWikiException("InstanceNotManaged", FailureKind.ResourceUnavailable, id,
                $"Instance {id} carries the tags but is not managed by SSM (no SSM Agent registration in this account and region; check the agent and the instance profile's AmazonSSMManagedInstanceCore policy). SSM will not target it."), id);
        }

        foreach (var skipped in check.Skipped)
        {
            run.PreFlagged.Add(skipped.Target as string ?? string.Empty);
            WriteFailure(skipped, skipped.Target);
        }

        WriteVerbose($"Tag {FleetTargets.Describe(targets)} in {run.Context.RegionName}: {check.Ready.Count} managed and online instance(s), {check.Skipped.Count} skipped by the pre-check, {running.Count} running in EC2.");
        if (check.Ready.Count == 0)
        {
            if (running.Count == 0 && check.Skipped.Count == 0)
            {
                var description = FleetTargets.Describe(targets);
                WriteFailure(new AwsWikiException("NoInstancesMatchTag", FailureKind.ObjectNotFound, description,
                    $"No running or SSM-managed instance carries the tag(s) {description} in {run.Context.RegionName}. Nothing was sent."), description);
            }

            return null;
        }

        return check.Ready;
    }

    /// <summary>Creates or updates the module's SSM document when its content hash differs; null when -WhatIf or the user declined.</summary>
    private string? EnsureDocument(AwsContext context)
    {
        var document = EssentialsDocument.Create();
        using var store = new SsmEssentialsDocumentStore(context);
        var plan = Await(store.PlanAsync(document, CancelToken));
        if (plan.Action == DocumentAction.None)
        {
            return plan.Version;
        }

        var action = plan.Action switch
        {
            DocumentAction.Create => $"Create the essentials document (content sha256 {document.Hash.Substring(0, 12)})",
            DocumentAction.Update => $"Add a version with content sha256 {document.Hash.Substring(0, 12)} and make it the default (now v{plan.CurrentDefaultVersion})",
            _ => $"Make v{plan.Version} (content sha256 {document.Hash.Substring(0, 12)}) the default version (now v{plan.CurrentDefaultVersion})",
        };
        if (!ShouldProcess($"SSM document {document.Name} in {context.RegionName}", action))
        {
            return null;
        }

        var version = Await(store.ApplyAsync(document, plan, CancelToken));
        WriteVerbose($"SSM document {document.Name} v{version} in {context.RegionName} has the essentials script (sha256 {document.Hash}).");
        return version;
    }

    /// <summary>Polls every group's commands at once and writes each instance's result as soon as it finishes.</summary>
    private void Wait(IReadOnlyList<GroupRun> runs)
    {
        // SSM may hold an invocation for its delivery timeout (an hour by default) before running it.
        var maxWait = TimeSpan.FromSeconds(TimeoutSeconds) + TimeSpan.FromHours(1);
        var finished = new ConcurrentQueue<(GroupRun Run, string CommandId, InvocationDetail Detail)>();
        using var arrived = new AutoResetEvent(false);
        var waits = runs.Select(run => run.Runner!.WaitAsync(run.Sent, maxWait, (commandId, detail) =>
        {
            finished.Enqueue((run, commandId, detail));
            arrived.Set();
        }, CancelToken)).ToList();
        var all = Task.WhenAll(waits);
        var handles = new[] { ((IAsyncResult)all).AsyncWaitHandle, arrived };
        while (WaitHandle.WaitAny(handles, TimeSpan.FromMilliseconds(50)) != 0)
        {
            // A result arrived (write it now, not at the end) or 50 ms passed (show progress).
            FlushReporter();
            WriteFinished(finished);
        }

        FlushReporter();
        WriteFinished(finished);
        if (_cancelled > 0)
        {
            WriteWarning($"SSM did not run the script on {_cancelled} instance(s) (Status Cancelled): the failures exceeded -MaxErrors {MaxErrors}, or someone cancelled the command.");
        }

        for (var i = 0; i < runs.Count; i++)
        {
            if (waits[i].Exception is { } failure)
            {
                WriteFailure(failure.InnerException ?? failure, runs[i].Sent.Select(command => command.CommandId).ToArray());
            }
        }

        if (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private void WriteFinished(ConcurrentQueue<(GroupRun Run, string CommandId, InvocationDetail Detail)> finished)
    {
        while (finished.TryDequeue(out var item))
        {
            var (run, commandId, detail) = item;
            var fullOutput = string.Empty;
            if (FetchOutput && detail.StandardOutputUri is not null)
            {
                try
                {
                    var reader = run.S3Reader;
                    fullOutput = Await(reader.ReadAsync(detail.StandardOutputUri, CancelToken)) ?? string.Empty;
                    var fullError = detail.StandardErrorUri is null ? null : Await(reader.ReadAsync(detail.StandardErrorUri, CancelToken));
                    detail = detail with { StandardOutput = fullOutput.Length > 0 ? fullOutput : detail.StandardOutput, StandardError = fullError ?? detail.StandardError };
                }
                catch (Exception e) when (e is not PipelineStoppedException)
                {
                    WriteFailure(new AwsWikiException("OutputNotReadable", FailureKind.ResourceUnavailable, detail.StandardOutputUri,
                        $"Could not read {detail.StandardOutputUri} for {detail.InstanceId}: {e.Message}", e), detail.StandardOutputUri);
                }
            }

            var result = AmazonLinuxEssentialsResult.From(commandId, detail);
            result.Region = run.Context.RegionName;
            result.ProfileName = run.Group.Profile ?? run.Context.ProfileName ?? string.Empty;
            result.Output = fullOutput;
            WriteObject(result);
            if (result.Status == "Cancelled")
            {
                // Not run because MaxErrors was reached: one warning at the end, not an error each.
                _cancelled++;
                continue;
            }

            if (result.Status != "Success" && !run.PreFlagged.Contains(result.InstanceId))
            {
                WriteFailure(new AwsWikiException("EssentialsFailed", FailureKind.InvalidOperation, result.InstanceId, result.DescribeFailure()),
                    result.InstanceId);
            }
        }
    }

    private sealed class InstanceGroup
    {
        public InstanceGroup(string? profile, string? region, string? roleArn = null)
        {
            Profile = profile;
            Region = region;
            RoleArn = roleArn;
        }

        public string? RoleArn { get; }

        public string? Profile { get; }

        public string? Region { get; }

        public List<string> InstanceIds { get; } = new();
    }

    private sealed class GroupRun : IDisposable
    {
        private S3OutputReader? _s3Reader;

        public GroupRun(InstanceGroup group, AwsContext context, SsmFleetCommandClient client, string? label)
        {
            Group = group;
            Context = context;
            Client = client;
            Label = label;
        }

        public InstanceGroup Group { get; }

        public AwsContext Context { get; }

        public SsmFleetCommandClient Client { get; }

        public string? Label { get; }

        public FleetCommandRunner? Runner { get; set; }

        public List<SentCommand> Sent { get; } = new();

        /// <summary>Instances the pre-check already reported; their SSM results get no second error.</summary>
        public HashSet<string> PreFlagged { get; } = new(StringComparer.Ordinal);

        public S3OutputReader S3Reader => _s3Reader ??= new S3OutputReader(Context);

        public void Dispose()
        {
            Client.Dispose();
            _s3Reader?.Dispose();
        }
    }
}
