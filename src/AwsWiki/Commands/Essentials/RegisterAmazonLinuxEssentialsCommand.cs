using System;
using System.Collections;
using System.Management.Automation;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Creates, or updates in place, an SSM State Manager association that runs the module's essentials
/// document on every instance the tags (or resource group) match: now, on instances that appear
/// later, and on the schedule. Re-running with the same choices changes nothing.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "AmazonLinuxEssentials", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByTagSet)]
[OutputType(typeof(AmazonLinuxEssentialsAssociation))]
public sealed class RegisterAmazonLinuxEssentialsCommand : AwsCmdlet
{
    private const string ByTagSet = "ByTag";
    private const string ByResourceGroupSet = "ByResourceGroup";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByTagSet)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = ByTagSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByResourceGroupSet)]
    public string? ResourceGroupName { get; set; }

    [Parameter]
    public string[]? Package { get; set; }

    [Parameter]
    public SwitchParameter ExcludeDocker { get; set; }

    /// <summary>rate(N minutes|hours|days), at least 30 minutes, or cron(...). Without it the association runs when created or changed and on new instances.</summary>
    [Parameter]
    public string? Schedule { get; set; }

    [Parameter]
    public SwitchParameter ApplyOnlyAtCronInterval { get; set; }

    [Parameter]
    public string MaxConcurrency { get; set; } = "25%";

    [Parameter]
    public string MaxErrors { get; set; } = "10%";

    /// <summary>How long the script may run on each instance (SSM's executionTimeout); -TimeoutSec is per AWS request.</summary>
    [Parameter]
    [Alias("TimeoutSeconds")]
    public int ExecutionTimeoutSec { get; set; } = 1800;

    /// <summary>The association's name; by default one derived from the targets (AwsWiki-Essentials-Role-web-1a2b3c4d).</summary>
    [Parameter]
    [ValidatePattern(@"^[a-zA-Z0-9_\-.]{3,128}$")]
    public string? AssociationName { get; set; }

    protected override void EndProcessing()
    {
        EssentialsScript script;
        System.Collections.Generic.IReadOnlyList<CommandTarget> targets;
        try
        {
            EssentialsInput.ValidateRateControl(MaxConcurrency, MaxErrors);
            EssentialsInput.ValidateTimeout(ExecutionTimeoutSec);
            EssentialsAssociationSpec.ValidateSchedule(Schedule, ApplyOnlyAtCronInterval);
            script = EssentialsScript.Create(Package, includeDocker: !ExcludeDocker);
            targets = FleetTargets.From(EssentialsInput.ParseTags(Tag), ResourceGroupName);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var name = AssociationName ?? EssentialsAssociationSpec.NameFor(targets);
        var region = Context.RegionName;
        try
        {
            var document = EssentialsDocument.Create();
            string? version;
            using (var store = new SsmEssentialsDocumentStore(Context))
            {
                var plan = Await(store.PlanAsync(document, CancelToken));
                version = plan.Version;
                if (plan.Action != DocumentAction.None)
                {
                    version = ShouldProcess($"SSM document {document.Name} in {region}",
                        $"{plan.Action} so that its default version has content sha256 {document.Hash.Substring(0, 12)}")
                        ? Await(store.ApplyAsync(document, plan, CancelToken))
                        : null;
                }
            }

            var spec = new EssentialsAssociationSpec(name, document.Name, version ?? "(new version)", targets, script.ToDocumentParameters(ExecutionTimeoutSec),
                string.IsNullOrEmpty(Schedule) ? null : Schedule, ApplyOnlyAtCronInterval, MaxConcurrency, MaxErrors);
            using var associations = new SsmAssociationClient(Context);
            var current = Await(associations.FindAsync(name, CancelToken));
            var what = $"State Manager association {name} on {FleetTargets.Describe(targets)} in {region}";
            if (current is null)
            {
                if (ShouldProcess(what, $"Create: run {document.Name} v{spec.DocumentVersion} ({string.Join(", ", script.Packages)}) on every matching instance, now and on new ones{ScheduleText()}") && version is not null)
                {
                    var created = Await(associations.CreateAsync(spec, CancelToken));
                    WriteObject(AmazonLinuxEssentialsAssociation.From(created, "Created", region, ProfileName));
                }

                return;
            }

            var differences = spec.DifferencesFrom(current);
            if (differences.Count == 0)
            {
                WriteVerbose($"Association {name} ({current.AssociationId}) already has these settings; nothing changed.");
                WriteObject(AmazonLinuxEssentialsAssociation.From(current, "Unchanged", region, ProfileName));
                return;
            }

            if (ShouldProcess(what, $"Update in place ({current.AssociationId}): {string.Join("; ", differences)}") && version is not null)
            {
                var updated = Await(associations.UpdateAsync(current.AssociationId, spec, CancelToken));
                WriteObject(AmazonLinuxEssentialsAssociation.From(updated, "Updated", region, ProfileName));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFailure(e, name);
        }
    }

    private string ScheduleText() => string.IsNullOrEmpty(Schedule) ? string.Empty : $", and on {Schedule}";
}
