using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using AwsWiki.Commands.Completers;
using AwsWiki.Essentials;
using AwsWiki.Gpu;
using AwsWiki.Gpu.Topology;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Reads `nvidia-smi topo -m` (and `nvidia-smi nvlink -s`) from files, the pipeline, this machine,
/// or EC2 instances through SSM Run Command, and checks each matrix against what the instance type
/// should have: one GpuTopology per machine.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GpuTopology", DefaultParameterSetName = PathSet)]
[OutputType(typeof(GpuTopology))]
public sealed class GetGpuTopologyCommand : AwsProfileCmdlet
{
    private const string PathSet = "Path";
    private const string TextSet = "Text";
    private const string LocalSet = "Local";
    private const string InstanceSet = "InstanceId";

    private readonly StringBuilder _lines = new();
    private readonly List<(string Id, string? Region)> _instances = new();

    /// <summary>Files holding nvidia-smi output; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The output as text: whole (Get-Content -Raw) or line by line (Get-Content).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string[] InputObject { get; set; } = Array.Empty<string>();

    /// <summary>Runs nvidia-smi on this machine.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>Instances to read through SSM Run Command.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
    public string[] InstanceId { get; set; } = Array.Empty<string>();

    /// <summary>The instances' region (bound from piped objects that carry one).</summary>
    [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The instance type to check against, instead of EC2's answer (or for files and -Local).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GpuTopologyInstanceTypeCompleter))]
    public string? InstanceType { get; set; }

    /// <summary>How long nvidia-smi may run on each instance (SSM's executionTimeout); -TimeoutSec is per AWS request.</summary>
    [Parameter(ParameterSetName = InstanceSet)]
    [Alias("TimeoutSeconds")]
    [ValidateRange(30, 172800)]
    public int ExecutionTimeoutSec { get; set; } = 120;

    private int _emitted;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            GpuTopologyInput.ValidateInstanceType(InstanceType);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
        }
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                ReadFiles();
                break;
            case TextSet:
                foreach (var item in InputObject ?? Array.Empty<string>())
                {
                    if (item is not null && item.IndexOf('\n') >= 0)
                    {
                        // A whole document (Get-Content -Raw): lines collected before it form their own.
                        FlushLines(atEnd: false);
                        Emit(item, "pipeline");
                    }
                    else
                    {
                        _lines.Append(item).Append('\n');
                    }
                }

                break;
            case InstanceSet:
                CollectInstances();
                break;
        }
    }

    protected override void EndProcessing()
    {
        switch (ParameterSetName)
        {
            case TextSet:
                FlushLines(atEnd: true);
                break;
            case LocalSet:
                ReadLocal();
                break;
            case InstanceSet:
                ReadInstances();
                break;
        }
    }

    private void ReadFiles()
    {
        foreach (var path in Path)
        {
            IEnumerable<string> resolved;
            try
            {
                resolved = ResolvePath(path);
            }
            catch (AwsWikiException e)
            {
                WriteFailure(e, path);
                continue;
            }

            foreach (var file in resolved)
            {
                string text;
                try
                {
                    text = GpuTopologyInput.ReadFile(file);
                }
                catch (AwsWikiException e)
                {
                    WriteFailure(e, file);
                    continue;
                }

                Emit(text, file);
            }
        }
    }

    /// <summary>
    /// A path that exists as written is read as it is ('a[1].txt' is a file, not a pattern); otherwise
    /// it is a wildcard, and one that matches nothing says so.
    /// </summary>
    private IEnumerable<string> ResolvePath(string path)
    {
        var literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        if (File.Exists(literal) || Directory.Exists(literal) || !WildcardPattern.ContainsWildcardCharacters(path))
        {
            return new[] { literal };
        }

        GlobPattern.Validate(new[] { path }, "-Path");
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out _);
            if (resolved.Count > 0)
            {
                return resolved;
            }
        }
        catch (Exception e) when (e is ItemNotFoundException or WildcardPatternException)
        {
        }

        throw Errors.PathNotFound.New(path, path);
    }

    private void FlushLines(bool atEnd)
    {
        if (_lines.Length == 0)
        {
            return;
        }

        var text = _lines.ToString();
        _lines.Clear();

        // Only blank lines and nothing else read: that is an empty input, said as such, not silence.
        if (text.Trim().Length > 0 || (atEnd && _emitted == 0))
        {
            Emit(text, "pipeline");
        }
    }

    private void ReadLocal()
    {
        try
        {
            Emit(Await(LocalNvidiaSmi.ReadTopologyAsync(Reporter, CancelToken)), "local");
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(e, "local");
        }
    }

    private void Emit(string text, string source)
    {
        _emitted++;
        try
        {
            WriteObject(GpuTopologyAnalyzer.Analyze(GpuTopologyParser.Parse(text, source), source, InstanceType));
        }
        catch (AwsWikiException e)
        {
            WriteFailure(e, source);
        }
    }

    private void CollectInstances()
    {
        foreach (var raw in InstanceId)
        {
            string id;
            try
            {
                id = EssentialsGroup.CheckInstanceId(raw);
            }
            catch (AwsWikiException e)
            {
                // Terminating: nothing has been sent yet, and a typo in a fleet list should stop the whole run.
                ThrowFailure(e, raw);
                return;
            }

            var region = string.IsNullOrWhiteSpace(Region) ? null : Region!.Trim();
            if (!_instances.Contains((id, region)))
            {
                _instances.Add((id, region));
            }
        }
    }

    /// <summary>One piece of fan-out work per region (the same credentials); a region that fails is one error naming it, the others go on.</summary>
    private void ReadInstances()
    {
        var regions = _instances.GroupBy(instance => instance.Region)
            .Select(group => (Context: ResolveContext(group.Key), Ids: (IReadOnlyList<string>)group.Select(instance => instance.Id).ToList())).ToList();
        var scopes = regions.Select(region => new Aws.FanOutScope(region.Context.ProfileName, null, region.Context.RegionName)).ToList();
        var fanOut = new Aws.FanOut(Reporter, 60, GpuTopologyFleet.ProgressActivity);
        var pieces = Await(fanOut.RunAsync(scopes, async (scope, token) =>
        {
            var (context, ids) = regions[scopes.IndexOf(scope)];
            using var client = new SsmFleetCommandClient(context);
            using var types = new Ec2InstanceTypeLookup(context);
            return await new GpuTopologyFleet(client, types, Reporter).RunAsync(ids, InstanceType, ExecutionTimeoutSec, token).ConfigureAwait(false);
        }, CancelToken));
        fanOut.Complete();
        foreach (var piece in pieces)
        {
            if (piece.Error is not null)
            {
                WriteFailure(piece.Error, piece.Error.Target);
                continue;
            }

            foreach (var result in piece.Value!)
            {
                if (result.Topology is { } topology)
                {
                    WriteObject(topology);
                }
                else
                {
                    WriteFailure(result.Error!, result.InstanceId);
                }
            }
        }
    }
}
