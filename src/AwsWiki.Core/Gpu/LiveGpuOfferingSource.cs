using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.Gpu;

/// <summary>
/// A live query: AWS specs and zones from EC2, spot from EC2's price history, on-demand and
/// reserved from the Price List API; Azure prices from the Retail Prices API on top of the
/// catalog's Azure specs (Azure publishes no spec API without an account). Regions run
/// concurrently, at most <c>maxParallel</c> at a time; a failing region yields its error and
/// the others still return.
/// </summary>
public sealed class LiveGpuOfferingSource
{
    private const int ActivityId = 3301;
    private readonly IReadOnlyList<IEc2GpuInventory> _awsRegions;
    private readonly IPriceListClient? _priceList;
    private readonly AzureLiveOfferings? _azure;
    private readonly IReadOnlyList<string>? _azureRegions;
    private readonly IActivityReporter _reporter;
    private readonly SemaphoreSlim _parallel;
    private readonly SemaphoreSlim _specGate = new(1, 1);
    private readonly ConcurrentDictionary<string, GpuCatalogEntry?> _specs = new(StringComparer.Ordinal);
    private int _done;
    private int _total;

    /// <param name="azureRegions">Azure regions to query; null queries every region in one request series.</param>
    /// <param name="azureSpecs">Where Azure sizes' specs come from; the embedded catalog when null.</param>
    public LiveGpuOfferingSource(IReadOnlyList<IEc2GpuInventory> awsRegions, IPriceListClient? priceList, IAzureRetailPriceClient? azure,
        IReadOnlyList<string>? azureRegions, IActivityReporter reporter, int maxParallel = 8, IEnumerable<GpuCatalogEntry>? azureSpecs = null)
    {
        _awsRegions = awsRegions;
        _priceList = priceList;
        _azure = azure is null ? null : new AzureLiveOfferings(azure, azureSpecs ?? GpuCatalog.Entries);
        _azureRegions = azureRegions;
        _reporter = reporter;
        _parallel = new SemaphoreSlim(Math.Max(1, maxParallel));
    }

    public async Task<IReadOnlyList<LiveRegionResult>> QueryAsync(GpuOfferingRequest request, CancellationToken cancellationToken)
    {
        var work = new List<(string Provider, string Region, Func<Task<IReadOnlyList<GpuCatalogEntry>>> Run)>();
        foreach (var ec2 in _awsRegions)
        {
            work.Add((GpuOfferingRequest.Aws, ec2.Region, () => QueryAwsRegionAsync(ec2, request, cancellationToken)));
        }

        if (_azure is not null)
        {
            IEnumerable<string?> azureTargets = _azureRegions is null ? new string?[] { null } : _azureRegions.Select(r => (string?)r);
            foreach (var region in azureTargets)
            {
                var name = region;
                work.Add((GpuOfferingRequest.Azure, name ?? "*", () => _azure.QueryAsync(name, request, cancellationToken)));
            }
        }

        _total = work.Count;
        var tasks = work.Select(async w =>
        {
            await _parallel.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _reporter.Verbose($"Querying {w.Provider} {w.Region}.");
                return new LiveRegionResult(w.Provider, w.Region, await w.Run().ConfigureAwait(false));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return new LiveRegionResult(w.Provider, w.Region, Array.Empty<GpuCatalogEntry>(), e);
            }
            finally
            {
                _parallel.Release();
                var done = Interlocked.Increment(ref _done);
                _reporter.Progress(ActivityId, "Querying GPU offerings", $"{done} of {_total} regions done ({w.Provider} {w.Region})", done * 100 / Math.Max(1, _total));
            }
        }).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        _reporter.CompleteProgress(ActivityId, "Querying GPU offerings");
        return results;
    }

    private async Task<IReadOnlyList<GpuCatalogEntry>> QueryAwsRegionAsync(IEc2GpuInventory ec2, GpuOfferingRequest request, CancellationToken cancellationToken)
    {
        var zones = await ec2.DescribeZoneOfferingsAsync(cancellationToken).ConfigureAwait(false);
        await LearnSpecsAsync(ec2, zones.Keys.Where(t => GlobPattern.AnyMatch(request.InstanceTypes, t)).ToList(), cancellationToken).ConfigureAwait(false);

        var entries = new List<GpuCatalogEntry>();
        foreach (var offered in zones.OrderBy(z => z.Key, StringComparer.Ordinal))
        {
            if (_specs.TryGetValue(offered.Key, out var spec) && spec is not null)
            {
                var entry = spec.CloneSpec();
                entry.Region = ec2.Region;
                entry.AvailabilityZones = string.Join(",", offered.Value);
                if (request.MatchesSpec(entry))
                {
                    entries.Add(entry);
                }
            }
        }

        var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (request.PricingModel == GpuPricingModel.Spot)
        {
            var spot = await ec2.LatestSpotPricesAsync(entries.Select(e => e.InstanceType).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                if (spot.TryGetValue(entry.InstanceType, out var price))
                {
                    entry.HourlyPrices[GpuPricingModel.Spot] = price;
                }

                entry.PriceAsOf = stamp;
                entry.Source = "EC2 API (live; spot price history)";
            }
        }
        else if (_priceList is not null)
        {
            // A few types of one region at a time: the Price List API throttles eagerly.
            using var perRegion = new SemaphoreSlim(4);
            await Task.WhenAll(entries.Select(async entry =>
            {
                await perRegion.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await PriceAwsEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    perRegion.Release();
                }
            })).ConfigureAwait(false);
        }

        return entries;
    }

    private async Task PriceAwsEntryAsync(GpuCatalogEntry entry, CancellationToken cancellationToken)
    {
        var filters = AwsPriceListPrices.Filters(entry.InstanceType, entry.Region);
        var documents = await _priceList!.GetProductsAsync("AmazonEC2", filters, cancellationToken).ConfigureAwait(false);
        foreach (var document in documents)
        {
            var (type, region, prices, asOf) = AwsPriceListPrices.Parse(document);
            if (!string.Equals(type, entry.InstanceType, StringComparison.Ordinal) || !string.Equals(region, entry.Region, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var price in prices)
            {
                entry.HourlyPrices[price.Key] = price.Value;
            }

            entry.PriceAsOf = asOf;
        }

        entry.Source = "EC2 API + AWS Price List API (live)";
    }

    /// <summary>Specs are the same in every region, so they are fetched once; a region asks only for types no region has described yet.</summary>
    private async Task LearnSpecsAsync(IEc2GpuInventory ec2, IReadOnlyList<string> offered, CancellationToken cancellationToken)
    {
        await _specGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = offered.Where(t => !_specs.ContainsKey(t)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            var described = await ec2.DescribeInstanceTypesAsync(_specs.IsEmpty ? null : missing, cancellationToken).ConfigureAwait(false);
            foreach (var spec in described)
            {
                _specs[spec.Key] = spec.Value;
            }
        }
        finally
        {
            _specGate.Release();
        }
    }
}
