using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Runs the essentials script on many instances through SSM Run Command (AWS-RunShellScript),
/// in batches of 50 paced by SSM, and reports one result per instance.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "AmazonLinuxEssentials", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByInstanceIdSet)]
[OutputType(typeof(AmazonLinuxEssentialsResult))]
[OutputType(typeof(AmazonLinuxEssentialsCommand))]
public sealed class InstallAmazonLinuxEssentialsCommand : AwsCmdlet
{
    private const string ByInstanceIdSet = "ByInstanceId";
    private const string ByTagSet = "ByTag";
    private const string DocumentName = "AWS-RunShellScript";

    // SSM's own patterns for these two SendCommand fields.
    private static readonly Regex MaxConcurrencyPattern = new(@"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$", RegexOptions.CultureInvariant);
    private static readonly Regex MaxErrorsPattern = new(@"^([1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)$", RegexOptions.CultureInvariant);
    private static readonly Regex InstanceIdPattern = new(@"^(i|mi)-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant);

    private readonly List<string> _instanceIds = new();
    private EssentialsScript? _script;
    private Dictionary<string, IReadOnlyList<string>>? _tags;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByInstanceIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string[] InstanceId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByTagSet)]
    public Hashtable Tag { get; set; } = new();

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
    public SwitchParameter NoWait { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            if (!MaxConcurrencyPattern.IsMatch(MaxConcurrency ?? string.Empty))
            {
                throw new AwsWikiException("InvalidMaxConcurrency", FailureKind.InvalidArgument, MaxConcurrency,
                    $"-MaxConcurrency '{MaxConcurrency}' is not a count (1, 10, ...) or a percentage (1% to 100%).");
            }

            if (!MaxErrorsPattern.IsMatch(MaxErrors ?? string.Empty))
            {
                throw new AwsWikiException("InvalidMaxErrors", FailureKind.InvalidArgument, MaxErrors,
                    $"-MaxErrors '{MaxErrors}' is not a count (0, 1, ...) or a percentage (0% to 100%).");
            }

            if (TimeoutSeconds is < 30 or > 172800)
            {
                throw new AwsWikiException("InvalidTimeout", FailureKind.InvalidArgument, TimeoutSeconds,
                    $"-TimeoutSeconds {TimeoutSeconds} is outside SSM's execution timeout range, 30 to 172800 seconds.");
            }

            _script = EssentialsScript.Create(Package, includeDocker: !ExcludeDocker);
            if (ParameterSetName == ByTagSet)
            {
                ParseTags();
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

        foreach (var raw in InstanceId)
        {
            var id = raw?.Trim() ?? string.Empty;
            if (!InstanceIdPattern.IsMatch(id))
            {
                // Terminating: nothing has been sent yet, and a typo in a fleet list should stop the whole run.
                ThrowFailure(new AwsWikiException("InvalidInstanceId", FailureKind.InvalidArgument, raw,
                    $"'{raw}' is not an instance id (i-0123456789abcdef0). Nothing was sent."), raw);
            }

            if (!_instanceIds.Contains(id, StringComparer.Ordinal))
            {
                _instanceIds.Add(id);
            }
        }
    }

    protected override void EndProcessing()
    {
        var script = _script!;
        var targets = ParameterSetName == ByTagSet ? ResolveTags() : _instanceIds;
        if (targets.Count == 0)
        {
            return;
        }

        using var client = new SsmFleetCommandClient(Context);
        var runner = new FleetCommandRunner(client, Reporter);
        InstanceCheck check;
        try
        {
            check = Await(runner.CheckInstancesAsync(targets, CancelToken));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFailure(e, targets);
            return;
        }

        foreach (var skipped in check.Skipped)
        {
            WriteFailure(skipped, skipped.Target);
        }

        var commands = script.ToRunCommandLines();
        var packages = string.Join(", ", script.Packages);
        var sent = new List<SentCommand>();
        foreach (var batch in FleetCommandRunner.Batch(check.Ready))
        {
            var target = $"{batch.Count} instance(s): {string.Join(", ", batch)}";
            if (!ShouldProcess(target, $"Install Amazon Linux essentials ({packages}) with SSM Run Command {DocumentName}"))
            {
                continue;
            }

            try
            {
                var request = new FleetCommandRequest(batch, DocumentName, commands, TimeoutSeconds, MaxConcurrency, MaxErrors,
                    "AwsWiki Install-AmazonLinuxEssentials");
                var command = Await(runner.SendAsync(request, CancelToken));
                sent.Add(command);
                if (NoWait)
                {
                    WriteObject(new AmazonLinuxEssentialsCommand
                    {
                        CommandId = command.CommandId,
                        InstanceCount = batch.Count,
                        InstanceIds = string.Join(",", batch),
                        DocumentName = DocumentName,
                        MaxConcurrency = MaxConcurrency,
                        MaxErrors = MaxErrors,
                    });
                }
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteFailure(e, batch.ToArray());
            }
        }

        if (NoWait || sent.Count == 0)
        {
            return;
        }

        // SSM may hold an invocation for its delivery timeout (an hour by default) before running it.
        var maxWait = TimeSpan.FromSeconds(TimeoutSeconds) + TimeSpan.FromHours(1);
        IReadOnlyList<(string CommandId, InvocationDetail Detail)> outcomes;
        try
        {
            outcomes = Await(runner.WaitAsync(sent, maxWait, CancelToken));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFailure(e, sent.Select(command => command.CommandId).ToArray());
            return;
        }

        var order = check.Ready.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index, StringComparer.Ordinal);
        foreach (var (commandId, detail) in outcomes.OrderBy(outcome => order.TryGetValue(outcome.Detail.InstanceId, out var i) ? i : int.MaxValue))
        {
            var result = AmazonLinuxEssentialsResult.From(commandId, detail);
            WriteObject(result);
            if (result.Status != "Success")
            {
                WriteFailure(new AwsWikiException("EssentialsFailed", FailureKind.InvalidOperation, result.InstanceId, result.DescribeFailure()),
                    result.InstanceId);
            }
        }
    }

    private void ParseTags()
    {
        if (Tag.Count == 0)
        {
            throw new AwsWikiException("InvalidTag", FailureKind.InvalidArgument, Tag, "-Tag needs at least one key, for example @{ Role = 'web' }.");
        }

        _tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Tag)
        {
            var key = LanguagePrimitives.ConvertTo<string>(entry.Key)?.Trim() ?? string.Empty;
            var raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            var values = raw is IEnumerable list and not string
                ? list.Cast<object?>().Select(value => LanguagePrimitives.ConvertTo<string>(value)).ToList()
                : new List<string> { LanguagePrimitives.ConvertTo<string>(raw) };
            if (key.Length == 0 || values.Count == 0 || values.Any(string.IsNullOrEmpty))
            {
                throw new AwsWikiException("InvalidTag", FailureKind.InvalidArgument, entry.Key,
                    $"-Tag entry '{entry.Key}' needs a non-empty key and at least one non-empty value.");
            }

            _tags[key] = values;
        }
    }

    private IReadOnlyList<string> ResolveTags()
    {
        var tags = _tags!;
        var description = string.Join(", ", tags.Select(tag => $"{tag.Key}={string.Join("|", tag.Value)}"));
        try
        {
            using var directory = new Ec2InstanceDirectory(Context);
            var ids = Await(directory.FindRunningInstancesAsync(tags, CancelToken));
            WriteVerbose($"Tag {description}: {ids.Count} running instance(s): {string.Join(", ", ids)}.");
            if (ids.Count == 0)
            {
                WriteFailure(new AwsWikiException("NoInstancesMatchTag", FailureKind.ObjectNotFound, description,
                    $"No running instance carries the tag(s) {description}. Nothing was sent."), description);
            }

            return ids;
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFailure(e, description);
            return Array.Empty<string>();
        }
    }
}
