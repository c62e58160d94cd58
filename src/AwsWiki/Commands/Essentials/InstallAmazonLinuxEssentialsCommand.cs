using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Credentials;
using AwsWiki.Essentials;
using AwsWiki.Commands.Internal;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Runs the essentials script (the module's SSM document) on many instances through SSM Run Command:
/// the workflow is <see cref="EssentialsInstaller"/>'s; this cmdlet binds, asks (ShouldProcess) and
/// writes results as each instance finishes. A group (profile, region, role) that fails is one error.
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
    private readonly List<EssentialsGroup> _groups = new();
    private EssentialsInstallSettings? _settings;

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

    /// <summary>The profile to use; bound from piped objects' ProfileName, so one call covers several accounts (hides the base parameter to add that).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>A role to assume with the profile's credentials; bound from Get-AwsInstance's rows for organization member accounts.</summary>
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

    /// <summary>How long the script may run on each instance (SSM's executionTimeout); -TimeoutSec is per AWS request.</summary>
    [Parameter]
    [Alias("TimeoutSeconds")]
    public int ExecutionTimeoutSec { get; set; } = 1800;

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
            EssentialsInput.ValidateTimeout(ExecutionTimeoutSec);
            EssentialsInput.ValidateS3Output(OutputS3BucketName, OutputS3KeyPrefix, FetchOutput);
            var script = EssentialsScript.Create(Package, includeDocker: !ExcludeDocker);
            var tags = ParameterSetName == ByInstanceIdSet ? null : EssentialsInput.ParseTags(Tag);
            var targets = tags is null ? null : FleetTargets.From(tags, ResourceGroupName);
            _settings = new EssentialsInstallSettings(script, targets, tags, ResourceGroupName, MaxConcurrency, MaxErrors, ExecutionTimeoutSec,
                OutputS3BucketName, OutputS3KeyPrefix, FetchOutput);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
        }
    }

    protected override void ProcessRecord()
    {
        try
        {
            if (ParameterSetName == ByInstanceIdSet)
            {
                EssentialsGroup.Add(_groups, ProfileName, Region, RoleArn, InstanceId);
            }
        }
        catch (AwsWikiException e)
        {
            // Terminating: nothing has been sent yet, and a typo in a fleet list should stop the whole run.
            ThrowFailure(e, e.Target);
        }
    }

    protected override void EndProcessing()
    {
        var groups = ParameterSetName == ByInstanceIdSet
            ? _groups.Where(group => group.InstanceIds.Count > 0).ToList()
            : new List<EssentialsGroup> { new(ProfileName, Region, RoleArn) };
        using var installer = new EssentialsInstaller(_settings!, Reporter);
        var runs = new List<EssentialsGroupRun>();
        foreach (var planned in Await(installer.PlanAsync(ResolveGroups(groups), CancelToken)))
        {
            if (planned.Error is not null)
            {
                WriteFailure(planned.Error, planned.Error.Target);
                continue;
            }

            var run = planned.Value!;
            foreach (var error in run.Errors)
            {
                WriteFailure(error, error.Target);
            }

            if (run.DocumentPlan is not null && Send(installer, run) && !NoWait)
            {
                runs.Add(run);
            }
        }

        Wait(installer, runs);
    }

    /// <summary>Asks, then makes the document and sends the group's commands; true when any command went out.</summary>
    private bool Send(EssentialsInstaller installer, EssentialsGroupRun run)
    {
        var version = run.DocumentPlan!.Version;
        try
        {
            if (run.DocumentChange() is { } change)
            {
                version = ShouldProcess(change.Target, change.Action) ? Await(installer.ApplyDocumentAsync(run, CancelToken)) : null;
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(FanOut.Isolate(run.Scope, e), run.Scope);
            return false;
        }

        foreach (var batch in run.Batches(_settings!))
        {
            var (target, action) = run.DescribeSend(_settings!, batch, version);
            if (!ShouldProcess(target, action) || version is null)
            {
                continue;
            }

            try
            {
                var command = Await(installer.SendAsync(run, batch, version, CancelToken));
                if (NoWait)
                {
                    WriteObject(command);
                }
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteFailure(e, batch.Count > 0 ? string.Join(",", batch) : FleetTargets.Describe(_settings!.Targets!));
            }
        }

        return run.Sent.Count > 0;
    }

    /// <summary>Polls every group's commands at once and writes each instance's result as soon as it finishes.</summary>
    private void Wait(EssentialsInstaller installer, IReadOnlyList<EssentialsGroupRun> runs)
    {
        var finished = new ConcurrentQueue<EssentialsFinished>();
        var waiting = installer.WaitAsync(runs, finished.Enqueue, CancelToken);
        try
        {
            AwaitStreaming(waiting, finished, item => WriteFinished(installer, item));
        }
        finally
        {
            if (installer.CancelledWarning() is { } warning)
            {
                WriteWarning(warning);
            }
        }

        foreach (var failure in waiting.GetAwaiter().GetResult())
        {
            WriteFailure(failure, failure.Target);
        }
    }

    private void WriteFinished(EssentialsInstaller installer, EssentialsFinished item)
    {
        var outcome = Await(installer.CompleteAsync(item, CancelToken));
        WriteObject(outcome.Result);
        foreach (var error in outcome.Errors)
        {
            WriteFailure(error, error.Target);
        }
    }

    /// <summary>
    /// Each group's context on the pipeline thread (where an MFA code can be asked for), once per
    /// profile, its role assumed; a group whose credentials fail is one error, the others go on.
    /// </summary>
    private List<(EssentialsGroup Group, AwsContext Context)> ResolveGroups(IReadOnlyList<EssentialsGroup> groups)
    {
        var resolved = new List<(EssentialsGroup, AwsContext)>();
        foreach (var group in groups)
        {
            SelectedProfile = group.Profile;
            AssumeRoleArn = group.RoleArn;
            try
            {
                resolved.Add((group, TryResolveContext(group.Region)));
            }
            catch (AwsWikiException e)
            {
                WriteFailure(FanOut.Isolate(group.Scope, e), group.Scope);
            }
        }

        return resolved;
    }
}
