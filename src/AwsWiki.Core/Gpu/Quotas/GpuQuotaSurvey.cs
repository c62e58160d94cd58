using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Gpu.Quotas;

/// <summary>Get-GpuQuota's work: each region's quota overview through the one fan-out engine; a failed region is one error under the cause's own ErrorId (AccessDeniedException), the others finish.</summary>
internal static class GpuQuotaSurvey
{
    private const int ActivityId = 3304;
    private const string Activity = "Reading GPU vCPU quotas";

    public static async Task<IReadOnlyList<FanOutResult<IReadOnlyList<GpuQuota>>>> RunRegionsAsync(AwsContext context, IReadOnlyList<string> regions,
        IReadOnlyList<GpuQuotaFamily> families, IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var fanOut = new FanOut(reporter, ActivityId, Activity);
        var scopes = regions.Select(r => new FanOutScope(context.ProfileName, null, r)).ToList();
        try
        {
            return await fanOut.RunAsync(scopes, async (scope, token) =>
            {
                using var reader = new GpuQuotaReader(context, scope.Region!);
                return await reader.OverviewAsync(families, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fanOut.Complete();
        }
    }
}
