using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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

    private readonly GpuTopologyTextBuffer _text = new();
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
                foreach (var document in (InputObject ?? Array.Empty<string>()).SelectMany(_text.Add).ToList())
                {
                    Emit(document, "pipeline");
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
                foreach (var document in _text.Flush().ToList())
                {
                    Emit(document, "pipeline");
                }

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
            try
            {
                foreach (var file in ResolvePath(path))
                {
                    // Each file on its own: one unreadable file is one error, the others are read.
                    try
                    {
                        Emit(GpuTopologyInput.ReadFile(file), file);
                    }
                    catch (AwsWikiException e)
                    {
                        WriteFailure(e, file);
                    }
                }
            }
            catch (AwsWikiException e)
            {
                WriteFailure(e, path);
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
            .Select(group => (ResolveContext(group.Key), (IReadOnlyList<string>)group.Select(instance => instance.Id).ToList())).ToList();
        var pieces = Await(GpuTopologyFleet.RunRegionsAsync(regions, InstanceType, ExecutionTimeoutSec, Reporter, CancelToken));
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
