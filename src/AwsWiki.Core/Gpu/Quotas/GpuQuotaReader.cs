using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Gpu.Quotas;

/// <summary>
/// The vCPU quotas of one region and what uses them: Service Quotas for the quotas and their
/// increase requests, EC2 DescribeInstances (running and pending; Spot instances count against the
/// Spot quota) for the use, the embedded catalog or DescribeInstanceTypes for a type's vCPUs. Each
/// answer is read once per reader. Every request goes through the client factory and the call path.
/// </summary>
public sealed class GpuQuotaReader : IDisposable
{
    private readonly IServiceQuotasClient _quotas;
    private readonly ServiceClient<AmazonEC2Client> _ec2;
    private readonly ConcurrentDictionary<string, int> _vcpus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceQuotaValue> _values = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<(string Family, bool Spot), int>? _used;

    public GpuQuotaReader(AwsContext context, string region, IServiceQuotasClient? quotas = null)
    {
        _quotas = quotas ?? new ServiceQuotasClient(context, region);
        _ec2 = AwsClientFactory.Ec2(context, region);
        Region = _ec2.Region;
    }

    public string Region { get; }

    /// <summary>The applied quota (GetServiceQuota, service code ec2).</summary>
    public async Task<ServiceQuotaValue> QuotaAsync(string quotaCode, CancellationToken cancellationToken)
    {
        if (!_values.TryGetValue(quotaCode, out var value))
        {
            value = await _quotas.GetServiceQuotaAsync(GpuQuotaFamily.ServiceCode, quotaCode, cancellationToken).ConfigureAwait(false);
            _values[quotaCode] = value;
        }

        return value;
    }

    /// <summary>The newest request for the quota that is still being decided (PENDING or CASE_OPENED); null when none.</summary>
    public async Task<ServiceQuotaChange?> OpenRequestAsync(string quotaCode, CancellationToken cancellationToken)
    {
        var changes = await _quotas.ListRequestedChangesAsync(GpuQuotaFamily.ServiceCode, quotaCode, cancellationToken).ConfigureAwait(false);
        return changes.Where(c => c.IsOpen).OrderByDescending(c => c.Created ?? DateTime.MinValue).FirstOrDefault();
    }

    public Task<ServiceQuotaChange> RequestIncreaseAsync(string quotaCode, int desiredValue, CancellationToken cancellationToken) =>
        _quotas.RequestIncreaseAsync(GpuQuotaFamily.ServiceCode, quotaCode, desiredValue, cancellationToken);

    /// <summary>vCPUs in use per (family, Spot): running and pending instances of the quota families.</summary>
    public async Task<IReadOnlyDictionary<(string Family, bool Spot), int>> UsedVCpusAsync(CancellationToken cancellationToken)
    {
        if (_used is not null)
        {
            return _used;
        }

        var instances = new List<(string Type, bool Spot)>();
        var request = new DescribeInstancesRequest
        {
            Filters = new List<Filter> { new() { Name = "instance-state-name", Values = new List<string> { "running", "pending" } } },
        };
        await foreach (var page in _ec2.PagesAsync("DescribeInstances", c => c.Paginators.DescribeInstances(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var instance in (page.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()))
            {
                var type = instance.InstanceType?.Value;
                if (type is { Length: > 0 } && GpuQuotaFamily.Of(type) is not null)
                {
                    instances.Add((type, instance.InstanceLifecycle?.Value == "spot"));
                }
            }
        }

        var vcpus = await VCpusOfAsync(instances.Select(i => i.Type).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        _used = instances
            .GroupBy(i => (GpuQuotaFamily.Of(i.Type)!.Name, i.Spot))
            .ToDictionary(g => g.Key, g => VCpuMath.Sum(g.Sum(i => (long)(vcpus.TryGetValue(i.Type, out var v) ? v : 0))));
        return _used;
    }

    /// <summary>Default vCPUs of a type: the embedded catalog, else EC2 DescribeInstanceTypes; InstanceTypeNotFound when EC2 does not know it.</summary>
    public async Task<int> VCpusOfAsync(string instanceType, CancellationToken cancellationToken)
    {
        var found = await VCpusOfAsync(new[] { instanceType }, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(instanceType, out var vcpus) ? vcpus : throw Errors.InstanceTypeNotFound.New(instanceType, instanceType, Region);
    }

    private async Task<IReadOnlyDictionary<string, int>> VCpusOfAsync(IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        foreach (var type in types.Where(t => !_vcpus.ContainsKey(t)))
        {
            var entry = GpuCatalog.Entries.FirstOrDefault(e => e.Provider == GpuOfferingRequest.Aws && e.InstanceType == type && e.VCpus > 0);
            if (entry is not null)
            {
                _vcpus[type] = entry.VCpus;
            }
        }

        // One DescribeInstanceTypes per type the catalog lacks: an unknown name would fail a request that names several.
        foreach (var type in types.Where(t => !_vcpus.ContainsKey(t)).ToList())
        {
            var request = new DescribeInstanceTypesRequest { InstanceTypes = new List<string> { type } };
            try
            {
                var answer = await _ec2.CallAsync("DescribeInstanceTypes", (c, t) => c.DescribeInstanceTypesAsync(request, t), cancellationToken, type)
                    .ConfigureAwait(false);
                if (answer.InstanceTypes?.FirstOrDefault()?.VCpuInfo?.DefaultVCpus is { } vcpus)
                {
                    _vcpus[type] = vcpus;
                }
            }
            catch (AwsServiceException e) when (e.ServiceCode == "InvalidInstanceType")
            {
                // EC2 does not know it; the caller says so (InstanceTypeNotFound) where it matters.
            }
        }

        return types.Where(_vcpus.ContainsKey).ToDictionary(t => t, t => _vcpus[t], StringComparer.Ordinal);
    }

    /// <summary>One type's ask against its family's quota (on-demand, or Spot with <paramref name="spot"/>).</summary>
    public async Task<GpuQuotaCheck> CheckAsync(string instanceType, int count, bool spot, CancellationToken cancellationToken)
    {
        var family = GpuQuotaFamily.Of(instanceType) ?? throw Errors.NoGpuQuotaFamily.New(instanceType, instanceType);
        var vcpus = await VCpusOfAsync(instanceType, cancellationToken).ConfigureAwait(false);
        var required = VCpuMath.Required(instanceType, count, vcpus);
        var code = family.CodeFor(spot);
        var quota = await QuotaAsync(code, cancellationToken).ConfigureAwait(false);
        var used = (await UsedVCpusAsync(cancellationToken).ConfigureAwait(false)).TryGetValue((family.Name, spot), out var u) ? u : 0;
        return new GpuQuotaCheck(instanceType, Region, count, spot, code, quota.QuotaName, VCpuMath.FromQuota(quota.Value), used, required)
        {
            NeededVCpus = VCpuMath.Needed(instanceType, count, used, required),
        };
    }

    /// <summary>Get-GpuQuota's rows for some families: on-demand and Spot, with use, headroom and any open request.</summary>
    public async Task<IReadOnlyList<GpuQuota>> OverviewAsync(IEnumerable<GpuQuotaFamily> families, CancellationToken cancellationToken)
    {
        var used = await UsedVCpusAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<GpuQuota>();
        foreach (var family in families)
        {
            foreach (var spot in new[] { false, true })
            {
                var code = family.CodeFor(spot);
                var quota = await QuotaAsync(code, cancellationToken).ConfigureAwait(false);
                var open = await OpenRequestAsync(code, cancellationToken).ConfigureAwait(false);
                var inUse = used.TryGetValue((family.Name, spot), out var u) ? u : 0;
                var value = VCpuMath.FromQuota(quota.Value);
                rows.Add(new GpuQuota
                {
                    Region = Region,
                    Family = family.Name,
                    Market = spot ? "Spot" : "OnDemand",
                    QuotaCode = code,
                    QuotaName = quota.QuotaName,
                    QuotaVCpus = value,
                    UsedVCpus = inUse,
                    HeadroomVCpus = (long)value - inUse,
                    Adjustable = quota.Adjustable,
                    OpenRequestStatus = open?.Status ?? string.Empty,
                    OpenRequestDesiredValue = open is null ? null : VCpuMath.FromQuota(open.DesiredValue),
                    OpenRequestId = open?.Id ?? string.Empty,
                    OpenRequestCaseId = open?.CaseId ?? string.Empty,
                    OpenRequestCreated = open?.Created,
                });
            }
        }

        return rows;
    }

    /// <summary>
    /// Request-GpuQuotaIncrease's one step: the open request when there is one (nothing is sent),
    /// else the plan (send is true) asking for used + required; null when the quota already allows it.
    /// <paramref name="send"/> decides, after the plan is known, whether to send (ShouldProcess).
    /// </summary>
    public async Task<(GpuQuotaIncrease? Result, GpuQuotaCheck Check)> PlanIncreaseAsync(string instanceType, int count, bool spot, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(instanceType, count, spot, cancellationToken).ConfigureAwait(false);
        var open = await OpenRequestAsync(check.QuotaCode, cancellationToken).ConfigureAwait(false);
        var row = new GpuQuotaIncrease
        {
            QuotaCode = check.QuotaCode,
            QuotaName = check.QuotaName,
            Region = Region,
            CurrentValue = check.QuotaVCpus,
            DesiredValue = check.NeededVCpus,
            InstanceType = instanceType,
            Count = count,
            Market = spot ? "Spot" : "OnDemand",
            UsedVCpus = check.UsedVCpus,
            RequiredVCpus = check.RequiredVCpus,
        };
        if (open is not null)
        {
            Fill(row, open);
            row.AlreadyOpen = true;
            return (row, check);
        }

        return (check.Exceeded ? row : null, check);
    }

    /// <summary>Sends the planned request; the row gets what Service Quotas recorded.</summary>
    public async Task<GpuQuotaIncrease> SendAsync(GpuQuotaIncrease plan, CancellationToken cancellationToken)
    {
        var change = await RequestIncreaseAsync(plan.QuotaCode, plan.DesiredValue, cancellationToken).ConfigureAwait(false);
        Fill(plan, change);
        return plan;
    }

    private static void Fill(GpuQuotaIncrease row, ServiceQuotaChange change)
    {
        row.DesiredValue = VCpuMath.FromQuota(change.DesiredValue);
        row.Status = change.Status;
        row.RequestId = change.Id;
        row.CaseId = change.CaseId ?? string.Empty;
        row.Created = change.Created;
        if (change.QuotaName.Length > 0)
        {
            row.QuotaName = change.QuotaName;
        }
    }

    public void Dispose() => _ec2.Dispose();
}
