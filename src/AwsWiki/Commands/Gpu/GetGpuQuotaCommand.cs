using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu.Capacity;
using AwsWiki.Gpu.Quotas;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// The overview before planning a launch: per region and GPU family, the on-demand and Spot vCPU
/// quotas (Service Quotas), the vCPUs your running and pending instances use, the headroom, and
/// any increase request still open.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GpuQuota")]
[OutputType(typeof(GpuQuota))]
public sealed class GetGpuQuotaCommand : AwsProfileCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>P, G (G and VT share one quota), VT, DL, Trn, Inf, F; every family when left out.</summary>
    [Parameter]
    [ValidateSet("P", "G", "VT", "DL", "Trn", "Inf", "F", IgnoreCase = true)]
    public string[]? Family { get; set; }

    private readonly List<string> _regions = new();

    protected override void ProcessRecord() => _regions.AddRange(Region ?? Array.Empty<string>());

    protected override void EndProcessing()
    {
        IReadOnlyList<string> regions;
        try
        {
            regions = _regions.Count > 0 ? GpuCapacityRequest.Regions(_regions) : new[] { ResolveContext(null).RegionName };
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var families = Family is { Length: > 0 }
            ? Family.Select(f => GpuQuotaFamily.Named(f)!).Distinct().ToList()
            : GpuQuotaFamily.All.ToList();
        var context = ResolveContext(regions[0]);
        foreach (var result in Await(GpuQuotaSurvey.RunRegionsAsync(context, regions, families, Reporter, CancelToken)))
        {
            if (result.Error is { } error)
            {
                WriteFailure(error, result.Scope.Region);
            }
            else
            {
                WriteObject(result.Value, enumerateCollection: true);
            }
        }
    }
}
