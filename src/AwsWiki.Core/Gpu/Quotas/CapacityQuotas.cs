using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Gpu.Capacity;

namespace AwsWiki.Gpu.Quotas;

/// <summary>
/// The vCPU quota in Find-GpuCapacity's rows: an optional signal (<see cref="OptionalSignal"/>) of
/// each region. When Service Quotas (or EC2's list of instances in use) fails or is denied, the rows
/// come out as before with the quota properties empty and one warning naming Service Quotas.
/// </summary>
public static class CapacityQuotas
{
    /// <summary>Fills QuotaCode, QuotaVCpus, UsedVCpus and RequiredVCpus of one region's rows (on-demand quotas).</summary>
    public static async Task FillAsync(AwsContext context, string region, IReadOnlyList<GpuCapacity> rows, int count, IActivityReporter reporter,
        CancellationToken cancellationToken)
    {
        var types = rows.Select(r => r.InstanceType).Distinct().Where(t => GpuQuotaFamily.Of(t) is not null).ToList();
        if (types.Count == 0)
        {
            return;
        }

        var signal = new OptionalSignal(region, "Service Quotas vCPU quotas", "QuotaCode, QuotaVCpus, UsedVCpus and RequiredVCpus are empty", reporter);
        using var reader = new GpuQuotaReader(context, region);
        foreach (var type in types)
        {
            var (known, check) = await signal.TryAsync(() => CheckAsync(reader, type, count, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!known || check is null)
            {
                continue;
            }

            foreach (var row in rows.Where(r => r.InstanceType == type))
            {
                row.QuotaCode = check.QuotaCode;
                row.QuotaVCpus = check.QuotaVCpus;
                row.UsedVCpus = check.UsedVCpus;
                row.RequiredVCpus = check.RequiredVCpus;
            }
        }
    }

    /// <summary>
    /// After the capacity recommendation: QuotaExceeded where the vCPUs in use plus those the count
    /// needs pass the quota, except where the type is not offered or your reservations hold room.
    /// </summary>
    public static void Recommend(GpuCapacity row)
    {
        if (row.QuotaVCpus is not { } quota || row.UsedVCpus is not { } used || row.RequiredVCpus is not { } required
            || row.Recommendation is CapacityRecommendation.NotOffered or CapacityRecommendation.Reserved
            || (long)used + required <= quota)
        {
            return;
        }

        row.Recommendation = CapacityRecommendation.QuotaExceeded;
        row.Reason = $"Quota {row.QuotaCode} allows {quota} vCPUs; {used} in use + {required} for {row.Count} x {row.InstanceType} = {(long)used + required}. " +
            $"Ask: Request-GpuQuotaIncrease -InstanceType {row.InstanceType} -Count {row.Count} -Region {row.Region}";
    }

    /// <summary>A type EC2 does not know has no quota check (its row still comes out); any other failure is the signal's.</summary>
    private static async Task<GpuQuotaCheck?> CheckAsync(GpuQuotaReader reader, string type, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.CheckAsync(type, count, spot: false, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsWikiException e) when (e.ErrorId == Errors.InstanceTypeNotFound.Id)
        {
            return null;
        }
    }
}
