using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>
/// One (profile, region, role) group of an essentials install: its context and SSM client, what the
/// pre-check found, the document plan, and the commands sent. Made by <see cref="EssentialsInstaller.PlanAsync"/>.
/// </summary>
internal sealed class EssentialsGroupRun : IDisposable
{
    private readonly SsmFleetCommandClient _client;
    private readonly List<AwsWikiException> _errors = new();
    private S3OutputReader? _s3Reader;

    internal EssentialsGroupRun(EssentialsGroup group, AwsContext context, string? label, IActivityReporter reporter, PollSchedule schedule, int index)
    {
        Group = group;
        Context = context;
        Label = label;
        _client = new SsmFleetCommandClient(context);
        Runner = new FleetCommandRunner(_client, reporter, schedule, index, label);
        Reporter = reporter;
    }

    public EssentialsGroup Group { get; }

    public AwsContext Context { get; }

    public string? Label { get; }

    public FanOutScope Scope => new(Group.Profile ?? Context.ProfileName, null, Context.RegionName, Group.RoleArn);

    public string ProfileName => Group.Profile ?? Context.ProfileName ?? string.Empty;

    /// <summary>Instances to send to (explicit ids), or the managed and online ones the tags match now; empty: nothing to send.</summary>
    public IReadOnlyList<string> Ready { get; private set; } = Array.Empty<string>();

    /// <summary>One error per instance the pre-check skipped or found unusable; the cmdlet writes them.</summary>
    public IReadOnlyList<AwsWikiException> Errors => _errors;

    /// <summary>Instances the pre-check already reported; their SSM results get no second error.</summary>
    public HashSet<string> PreFlagged { get; } = new(StringComparer.Ordinal);

    public EssentialsDocument Document { get; } = EssentialsDocument.Create();

    /// <summary>What the document needs; null when there is nothing to send.</summary>
    public DocumentPlan? DocumentPlan { get; private set; }

    public List<SentCommand> Sent { get; } = new();

    internal FleetCommandRunner Runner { get; }

    internal S3OutputReader S3Reader => _s3Reader ??= new S3OutputReader(Context);

    private IActivityReporter Reporter { get; }

    /// <summary>The batches to send: up to 50 ids each, or one command with SSM Targets.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Batches(EssentialsInstallSettings settings) =>
        settings.Targets is null ? FleetCommandRunner.Batch(Ready) : new[] { (IReadOnlyList<string>)Array.Empty<string>() };

    /// <summary>ShouldProcess's target and action for the document change, or null when the document is as wanted.</summary>
    public (string Target, string Action)? DocumentChange()
    {
        if (DocumentPlan is not { Action: not DocumentAction.None } plan)
        {
            return null;
        }

        var hash = Document.Hash.Substring(0, 12);
        var action = plan.Action switch
        {
            DocumentAction.Create => $"Create the essentials document (content sha256 {hash})",
            DocumentAction.Update => $"Add a version with content sha256 {hash} and make it the default (now v{plan.CurrentDefaultVersion})",
            _ => $"Make v{plan.Version} (content sha256 {hash}) the default version (now v{plan.CurrentDefaultVersion})",
        };
        return ($"SSM document {Document.Name} in {Context.RegionName}", action);
    }

    /// <summary>ShouldProcess's target and action for one batch; <paramref name="version"/> null while the document is not yet made.</summary>
    public (string Target, string Action) DescribeSend(EssentialsInstallSettings settings, IReadOnlyList<string> batch, string? version)
    {
        var region = Context.RegionName;
        var targets = settings.Targets;
        var target = targets is null
            ? $"{batch.Count} instance(s) in {region}: {string.Join(", ", batch)}"
            : $"instances with {FleetTargets.Describe(targets)} in {region} ({(string.IsNullOrEmpty(settings.ResourceGroupName) ? $"{Ready.Count} managed and online now" : "SSM resolves the group's members")})";
        var pacing = targets is null ? string.Empty : $"; one command, MaxConcurrency {settings.MaxConcurrency} and MaxErrors {settings.MaxErrors} across the fleet";
        var document = $"SSM document {EssentialsDocument.DefaultName} {(version is null ? "(new version)" : "v" + version)}";
        return (target, $"Install Amazon Linux essentials ({string.Join(", ", settings.Script.Packages)}) with {document}{pacing}");
    }

    public void Dispose()
    {
        _client.Dispose();
        _s3Reader?.Dispose();
    }

    /// <summary>The pre-check (explicit ids, or the instances the tags match), then the document plan when anything is ready.</summary>
    internal async Task PlanAsync(EssentialsInstallSettings settings, CancellationToken cancellationToken)
    {
        Ready = settings.Targets is null
            ? await CheckInstancesAsync(cancellationToken).ConfigureAwait(false)
            : await CheckTargetsAsync(settings, settings.Targets, cancellationToken).ConfigureAwait(false);
        if (Ready.Count > 0 || (settings.Targets is not null && !string.IsNullOrEmpty(settings.ResourceGroupName)))
        {
            using var store = new SsmEssentialsDocumentStore(Context);
            DocumentPlan = await store.PlanAsync(Document, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> CheckInstancesAsync(CancellationToken cancellationToken)
    {
        var check = await Runner.CheckInstancesAsync(Group.InstanceIds, cancellationToken).ConfigureAwait(false);
        _errors.AddRange(check.Skipped);
        return check.Ready;
    }

    /// <summary>
    /// Before a command SSM fans out: running EC2 instances with the tags that SSM does not manage
    /// (SSM will not target them) and managed ones that are offline or not Amazon Linux each get an
    /// error now; SSM's own results for the latter get no second error.
    /// </summary>
    private async Task<IReadOnlyList<string>> CheckTargetsAsync(EssentialsInstallSettings settings, IReadOnlyList<CommandTarget> targets, CancellationToken cancellationToken)
    {
        var check = await Runner.CheckTaggedInstancesAsync(targets, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.ResourceGroupName))
        {
            Reporter.Verbose($"Resource group {settings.ResourceGroupName}: SSM resolves its members; no pre-check.");
            return check.Ready;
        }

        using var directory = new Ec2InstanceDirectory(Context);
        var running = await directory.FindRunningInstancesAsync(settings.Tags!, cancellationToken).ConfigureAwait(false);
        var managed = new HashSet<string>(check.Ready.Concat(check.Skipped.Select(skipped => skipped.Target as string ?? string.Empty)), StringComparer.Ordinal);
        foreach (var id in running.Where(id => !managed.Contains(id)))
        {
            _errors.Add(AwsWiki.Errors.InstanceNotManaged.New(id, id, "It carries the tags, but SSM will not target it."));
        }

        foreach (var skipped in check.Skipped)
        {
            PreFlagged.Add(skipped.Target as string ?? string.Empty);
            _errors.Add(skipped);
        }

        Reporter.Verbose($"Tag {FleetTargets.Describe(targets)} in {Context.RegionName}: {check.Ready.Count} managed and online instance(s), {check.Skipped.Count} skipped by the pre-check, {running.Count} running in EC2.");
        if (check.Ready.Count == 0 && running.Count == 0 && check.Skipped.Count == 0)
        {
            var description = FleetTargets.Describe(targets);
            _errors.Add(AwsWiki.Errors.NoInstancesMatchTag.New(description, description, Context.RegionName));
        }

        return check.Ready;
    }
}
