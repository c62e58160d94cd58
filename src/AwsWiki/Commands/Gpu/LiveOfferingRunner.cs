using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Clients;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// The cmdlet side of a live query: picks the regions, resolves one AWS context per region on
/// the pipeline thread (credential errors stop the call before anything is sent), runs the core
/// query, and turns each failed region into a non-terminating error.
/// </summary>
internal sealed class LiveOfferingRunner
{
    private readonly GetGpuInstanceOfferingCommand _cmdlet;
    private readonly GpuOfferingRequest _request;

    public LiveOfferingRunner(GetGpuInstanceOfferingCommand cmdlet, GpuOfferingRequest request)
    {
        _cmdlet = cmdlet;
        _request = request;
    }

    /// <summary>Provider regions whose query failed (already reported as errors).</summary>
    public HashSet<string> FailedRegions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<GpuCatalogEntry> Run()
    {
        var inventories = new List<Ec2GpuInventory>();
        try
        {
            PriceListClient? priceList = null;
            if (_request.Wants(GpuOfferingRequest.Aws))
            {
                var regions = Expand(KnownRegions.Aws);
                if (_request.Regions.Count == 0)
                {
                    regions = new List<string> { _cmdlet.ResolveFor(null).RegionName };
                }

                foreach (var region in regions)
                {
                    inventories.Add(new Ec2GpuInventory(_cmdlet.ResolveFor(region)));
                }

                if (inventories.Count > 0 && _request.PricingModel != GpuPricingModel.Spot)
                {
                    priceList = new PriceListClient(_cmdlet.ResolveFor(inventories[0].Region));
                }
            }

            AzureRetailPriceClient? azure = null;
            IReadOnlyList<string>? azureRegions = null;
            if (_request.Wants(GpuOfferingRequest.Azure))
            {
                azureRegions = _request.Regions.Count == 0 ? null : Expand(KnownRegions.Azure);
                if (azureRegions is null || azureRegions.Count > 0)
                {
                    azure = new AzureRetailPriceClient(_cmdlet.AzurePricesUrl, timeout: TimeSpan.FromSeconds(_cmdlet.TimeoutSec));
                }
            }

            var source = new LiveGpuOfferingSource(inventories, priceList, azure, azureRegions, _cmdlet.ActivityReporter);
            var results = _cmdlet.Wait(source.QueryAsync(_request, _cmdlet.Token));
            foreach (var failed in results.Where(r => r.Error is not null))
            {
                FailedRegions.Add(failed.Region);
                // A timeout keeps its own ErrorId and category (RequestTimedOut, OperationTimeout).
                var timedOut = Unwrap(failed.Error!) is AwsWikiException { Kind: FailureKind.OperationTimeout } timeout ? timeout : null;
                _cmdlet.Fail(new AwsWikiException(timedOut?.ErrorId ?? "RegionQueryFailed", timedOut?.Kind ?? FailureKind.ResourceUnavailable, failed.Region,
                    $"The live query of {failed.Provider} {failed.Region} failed; other regions are still listed. {Unwrap(failed.Error!).Message}", Unwrap(failed.Error!)),
                    failed.Region);
            }

            return results.SelectMany(r => r.Entries).ToList();
        }
        finally
        {
            foreach (var inventory in inventories)
            {
                inventory.Dispose();
            }
        }
    }

    /// <summary>
    /// The -Region names and patterns that belong to one provider's region list. A wildcard does
    /// not reach the GovCloud and China partitions, which need their own accounts; a literal name does.
    /// </summary>
    private List<string> Expand(IReadOnlyList<string> known) =>
        known.Where(r => _request.Regions.Any(p => p.IsMatch(r) && (!p.HasWildcard || !IsSeparatePartition(r)))).ToList();

    private static bool IsSeparatePartition(string region) =>
        region.StartsWith("us-gov-", StringComparison.Ordinal) || region.StartsWith("cn-", StringComparison.Ordinal);

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
}
