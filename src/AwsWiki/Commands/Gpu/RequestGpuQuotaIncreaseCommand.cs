using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu.Capacity;
using AwsWiki.Gpu.Quotas;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Asks Service Quotas to raise the family's vCPU quota to what is in use plus Count more instances
/// (RequestServiceQuotaIncrease). Asks once: when a request for that quota is still open (PENDING or
/// CASE_OPENED) it shows that request instead of sending another. Piped Find-GpuCapacity rows (one
/// per zone) become one request per quota and region, large enough for the largest ask.
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "GpuQuotaIncrease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(GpuQuotaIncrease))]
public sealed class RequestGpuQuotaIncreaseCommand : AwsProfileCmdlet
{
    private readonly List<(string Type, int Count, string? Region, bool Spot)> _asked = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string InstanceType { get; set; } = string.Empty;

    /// <summary>Instances to make room for, beyond those running.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>Raise the family's Spot quota (All ... Spot Instance Requests) instead of the on-demand one.</summary>
    [Parameter]
    public SwitchParameter Spot { get; set; }

    protected override void ProcessRecord() => _asked.Add((InstanceType, Count, Region, Spot));

    protected override void EndProcessing()
    {
        var byRegion = new Dictionary<string, List<(string Type, int Count, bool Spot)>>(StringComparer.Ordinal);
        foreach (var (type, count, region, spot) in _asked)
        {
            string name;
            string regionName;
            try
            {
                name = GpuCapacityRequest.InstanceTypes(new[] { type })[0];
                regionName = string.IsNullOrEmpty(region) ? ResolveContext(null).RegionName : GpuCapacityRequest.Regions(new[] { region! })[0];
            }
            catch (AwsWikiException e)
            {
                WriteFailure(e, e.Target);
                continue;
            }

            if (!byRegion.TryGetValue(regionName, out var list))
            {
                byRegion[regionName] = list = new();
            }

            if (!list.Contains((name, count, spot)))
            {
                list.Add((name, count, spot));
            }
        }

        foreach (var pair in byRegion)
        {
            using var reader = new GpuQuotaReader(ResolveContext(pair.Key), pair.Key);
            foreach (var quota in pair.Value.GroupBy(a => (GpuQuotaFamily.Of(a.Type)?.CodeFor(a.Spot) ?? a.Type, a.Spot)))
            {
                AskOnce(reader, quota.ToList());
            }
        }
    }

    /// <summary>One quota in one region: the largest of the asks, or the open request, or nothing when the quota already allows it.</summary>
    private void AskOnce(GpuQuotaReader reader, List<(string Type, int Count, bool Spot)> asks)
    {
        GpuQuotaIncrease? chosen = null;
        GpuQuotaCheck? check = null;
        try
        {
            foreach (var (type, count, spot) in asks)
            {
                var (plan, planCheck) = Await(reader.PlanIncreaseAsync(type, count, spot, CancelToken));
                if (check is null || planCheck.NeededVCpus > check.NeededVCpus || plan?.AlreadyOpen == true)
                {
                    (chosen, check) = (plan, planCheck);
                }

                if (plan?.AlreadyOpen == true)
                {
                    break;
                }
            }
        }
        catch (AwsWikiException e)
        {
            WriteFailure(e, e.Target ?? asks[0].Type);
            return;
        }

        if (chosen is null)
        {
            WriteWarning($"{reader.Region}: {check!.QuotaCode} ({check.QuotaName}) allows {check.QuotaVCpus} vCPUs; {check.UsedVCpus} in use + {check.RequiredVCpus} " +
                $"for {check.Count} x {check.InstanceType} = {check.NeededVCpus} fits. Nothing was requested.");
            return;
        }

        if (chosen.AlreadyOpen)
        {
            WriteWarning($"{reader.Region}: a request to raise {chosen.QuotaCode} to {chosen.DesiredValue} vCPUs is already open ({chosen.Status}, " +
                $"request {chosen.RequestId}{(chosen.CaseId.Length > 0 ? ", case " + chosen.CaseId : string.Empty)}); it is shown instead of sending another.");
            WriteObject(chosen);
            return;
        }

        var target = $"{chosen.QuotaCode} ({chosen.QuotaName}) in {chosen.Region}";
        var action = $"Request an increase from {chosen.CurrentValue} to {chosen.DesiredValue} vCPUs ({chosen.UsedVCpus} in use + {chosen.RequiredVCpus} " +
            $"for {chosen.Count} x {chosen.InstanceType})";
        if (!ShouldProcess(target, action))
        {
            return;
        }

        try
        {
            WriteObject(Await(reader.SendAsync(chosen, CancelToken)));
        }
        catch (AwsWikiException e)
        {
            WriteFailure(e, target);
        }
    }
}
