using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu;
using AwsWiki.Gpu.Capacity;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Where N instances of a GPU type can actually run: per availability zone ID, whether the type
/// is offered, your reservations, Spot placement scores, Capacity Block offers and, with -Probe,
/// a capacity reservation created and cancelled at once. Reads every input first (types and
/// regions may come down the pipeline), then asks each region once.
/// </summary>
[Cmdlet(VerbsCommon.Find, "GpuCapacity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(GpuCapacity))]
public sealed class FindGpuCapacityCommand : AwsProfileCmdlet
{
    private readonly List<(string Type, string[]? Regions)> _asked = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string[] InstanceType { get; set; } = Array.Empty<string>();

    /// <summary>Instances needed in one zone.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int Count { get; set; } = 1;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Region { get; set; }

    [Parameter]
    [ValidateRange(24, 4368)]
    public int CapacityBlockDurationHours { get; set; }

    [Parameter]
    public SwitchParameter IncludeSpot { get; set; }

    [Parameter]
    public SwitchParameter Probe { get; set; }

    /// <summary>Where OnDemandHourlyPrice comes from: the embedded catalog, or the AWS Price List API.</summary>
    [Parameter]
    public GpuOfferingSource Source { get; set; } = GpuOfferingSource.Catalog;

    protected override void ProcessRecord()
    {
        foreach (var type in InstanceType)
        {
            _asked.Add((type, Region));
        }
    }

    protected override void EndProcessing()
    {
        var byRegion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            GpuCapacityRequest.ValidateBlockHours(MyInvocation.BoundParameters.ContainsKey(nameof(CapacityBlockDurationHours)) ? CapacityBlockDurationHours : null);
            foreach (var (type, regions) in _asked)
            {
                var name = GpuCapacityRequest.InstanceTypes(new[] { type })[0];
                var names = regions is { Length: > 0 } ? GpuCapacityRequest.Regions(regions) : new[] { ResolveContext(null).RegionName };
                foreach (var region in names)
                {
                    if (!byRegion.TryGetValue(region, out var list))
                    {
                        byRegion[region] = list = new List<string>();
                    }

                    if (!list.Contains(name))
                    {
                        list.Add(name);
                    }
                }
            }
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
        }

        int? hours = MyInvocation.BoundParameters.ContainsKey(nameof(CapacityBlockDurationHours)) ? CapacityBlockDurationHours : null;
        var context = ResolveContext(byRegion.Keys.First());
        // Each region through the one fan-out engine: a failed region is one error, the others are still listed.
        var results = Await(GpuCapacitySurvey.RunRegionsAsync(context, byRegion, Count, IncludeSpot, hours, Source == GpuOfferingSource.Live, Reporter, CancelToken));
        var rows = new List<GpuCapacity>();
        foreach (var result in results)
        {
            if (result.Error is { } error)
            {
                WriteFailure(error, result.Scope.Region);
            }
            else
            {
                rows.AddRange(result.Value!);
            }
        }

        if (Probe)
        {
            ProbeEach(rows, context);
        }

        foreach (var row in rows)
        {
            CapacityAdvisor.Recommend(row);
        }

        WriteObject(CapacityAdvisor.Sort(rows), enumerateCollection: true);
    }

    /// <summary>One confirmed probe per offered zone that your reservations do not already cover.</summary>
    private void ProbeEach(List<GpuCapacity> rows, AwsWiki.Aws.AwsContext context)
    {
        var candidates = rows.Where(r => r.Offered && (r.AvailableReserved ?? 0) < r.Count).ToList();
        var clients = new Dictionary<string, Ec2CapacityClient>(StringComparer.Ordinal);
        try
        {
            ProbeEach(candidates, clients, context);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private void ProbeEach(List<GpuCapacity> candidates, Dictionary<string, Ec2CapacityClient> clients, AwsWiki.Aws.AwsContext context)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            var row = candidates[i];
            var target = $"{row.Count} x {row.InstanceType} in {row.AvailabilityZoneId} ({row.AvailabilityZone})";
            if (!ShouldProcess(target, "Create a capacity reservation and cancel it at once (billed at the on-demand rate while it exists)"))
            {
                continue;
            }

            WriteProgress(new ProgressRecord(1, "Probing capacity", target) { PercentComplete = i * 100 / candidates.Count });
            if (!clients.TryGetValue(row.Region, out var client))
            {
                clients[row.Region] = client = new Ec2CapacityClient(context, row.Region);
            }

            var probe = client.ProbeAsync(row.InstanceType, row.AvailabilityZoneId, row.Count, CancelToken);
            try
            {
                var outcome = Await(probe);
                row.ProbeResult = outcome.Result;
                WriteVerbose($"{target}: {outcome.Result}. {outcome.Message}");
                if (outcome.Result == CapacityProbeResult.Failed)
                {
                    WriteWarning($"The probe of {target} failed: {outcome.Message}");
                }
            }
            catch (AwsWikiException e) when (e.ErrorId == Errors.ProbeReservationNotCancelled.Id)
            {
                row.ProbeResult = CapacityProbeResult.Failed;
                WriteFailure(e, e.Target);
            }
            finally
            {
                // Stopped (Ctrl+C) mid-probe: the probe's own clean-up cancels the reservation; wait for it.
                if (!probe.IsCompleted)
                {
                    ((IAsyncResult)probe).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(90));
                }
            }
        }

        WriteProgress(new ProgressRecord(1, "Probing capacity", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
