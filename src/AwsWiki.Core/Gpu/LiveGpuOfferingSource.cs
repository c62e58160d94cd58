using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Gpu;

/// <summary>
/// A live query: AWS specs and zones from EC2, spot from EC2's price history, on-demand and
/// reserved from the Price List API; Azure prices from the Retail Prices API on top of the
/// catalog's Azure specs (Azure publishes no spec API without an account). Regions run through
/// the one fan-out engine, at most <c>maxParallel</c> at a time; a failing region yields its error
/// (keeping its ErrorId) and the others still return. The Price List is an optional signal: when
/// it fails or is denied, the region's EC2 facts come out unpriced with one warning.
/// </summary>
internal sealed class LiveGpuOfferingSource
{
    private const int ActivityId = 3301;
    private const string Activity = "Querying GPU offerings";
    private readonly IReadOnlyList<string> _awsRegions;
    private readonly Func<string, IEc2GpuInventory> _inventoryFor;
    private readonly string? _profileName;
    private readonly IPriceListClient? _priceList;
    private readonly AzureLiveOfferings? _azure;
    private readonly IReadOnlyList<string>? _azureRegions;
    private readonly IActivityReporter _reporter;
    private readonly int _maxParallel;
    private readonly SemaphoreSlim _specGate = new(1, 1);
    private readonly ConcurrentDictionary<string, GpuCatalogEntry?> _specs = new(StringComparer.Ordinal);

    /// <param name="aws">The resolved AWS context; null when AWS is not asked. Each region gets its credentials and endpoints.</param>
    /// <param name="azureRegions">Azure regions to query; null queries every region in one request series.</param>
    /// <param name="azureSpecs">Where Azure sizes' specs come from; the embedded catalog when null.</param>
    public LiveGpuOfferingSource(AwsContext? aws, IReadOnlyList<string> awsRegions, IAzureRetailPriceClient? azure,
        IReadOnlyList<string>? azureRegions, IActivityReporter reporter, int maxParallel = FanOut.DefaultThrottleLimit, IEnumerable<GpuCatalogEntry>? azureSpecs = null)
        : this(aws is null ? Array.Empty<string>() : awsRegions, region => new Ec2GpuInventory(aws!, region), aws is null ? null : new PriceListClient(aws),
            aws?.ProfileName, azure, azureRegions, reporter, maxParallel, azureSpecs)
    {
    }

    /// <summary>With stand-ins for EC2 and the Price List (unit tests).</summary>
    internal LiveGpuOfferingSource(IReadOnlyList<string> awsRegions, Func<string, IEc2GpuInventory> inventoryFor, IPriceListClient? priceList, string? profileName,
        IAzureRetailPriceClient? azure, IReadOnlyList<string>? azureRegions, IActivityReporter reporter, int maxParallel = FanOut.DefaultThrottleLimit,
        IEnumerable<GpuCatalogEntry>? azureSpecs = null)
    {
        _awsRegions = awsRegions;
        _inventoryFor = inventoryFor;
        _priceList = priceList;
        _profileName = profileName;
        _azure = azure is null ? null : new AzureLiveOfferings(azure, azureSpecs ?? GpuCatalog.Entries);
        _azureRegions = azureRegions;
        _reporter = reporter;
        _maxParallel = Math.Max(1, maxParallel);
    }

    /// <summary>One result per AWS region, then per Azure region (or one "*" for every Azure region).</summary>
    public async Task<IReadOnlyList<LiveRegionResult>> QueryAsync(GpuOfferingRequest request, CancellationToken cancellationToken)
    {
        var fanOut = new FanOut(_reporter, ActivityId, Activity, "regions", _maxParallel, _maxParallel);
        try
        {
            var aws = fanOut.RunAsync(_awsRegions.Select(r => new FanOutScope(_profileName, null, r)).ToList(), async (scope, token) =>
            {
                _reporter.Verbose($"Querying {GpuOfferingRequest.Aws} {scope.Region}.");
                var inventory = _inventoryFor(scope.Region!);
                try
                {
                    return await QueryAwsRegionAsync(inventory, request, token).ConfigureAwait(false);
                }
                finally
                {
                    (inventory as IDisposable)?.Dispose();
                }
            }, cancellationToken, failure: Errors.RegionQueryFailed);

            var azureTargets = _azure is null ? new List<string>() : _azureRegions?.ToList() ?? new List<string> { "*" };
            // Azure regions share the engine's limits and progress; their failures are worded for Azure, not an AWS profile.
            var azure = fanOut.RunAsync(azureTargets.Select(r => new FanOutScope(GpuOfferingRequest.Azure, null, r)).ToList(),
                (scope, token) => QueryAzureRegionAsync(scope.Region!, request, token), cancellationToken);

            var results = new List<LiveRegionResult>();
            results.AddRange((await aws.ConfigureAwait(false))
                .Select(r => new LiveRegionResult(GpuOfferingRequest.Aws, r.Scope.Region!, r.Value ?? (IReadOnlyList<GpuCatalogEntry>)Array.Empty<GpuCatalogEntry>(),
                    LiveRegionResult.AtRegion(r.Error, r.Scope.Region))));
            results.AddRange(await azure.ConfigureAwait(false) is var azureResults ? azureResults.Select(r => r.Value!) : Array.Empty<LiveRegionResult>());
            return results;
        }
        finally
        {
            fanOut.Complete();
        }
    }

    private async Task<LiveRegionResult> QueryAzureRegionAsync(string region, GpuOfferingRequest request, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Querying {GpuOfferingRequest.Azure} {region}.");
        try
        {
            return new LiveRegionResult(GpuOfferingRequest.Azure, region, await _azure!.QueryAsync(region == "*" ? null : region, request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // As the fan-out words an AWS region's failure: RegionQueryFailed in the cause's category; a timeout stays RequestTimedOut.
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            var known = inner as AwsWikiException;
            var timedOut = known?.Kind == FailureKind.OperationTimeout;
            var what = timedOut ? string.Empty : Errors.RegionQueryFailed.Message.TrimEnd('.') + ": ";
            var error = new AwsWikiException(timedOut ? known!.ErrorId : Errors.RegionQueryFailed.Id, known?.Kind ?? Errors.RegionQueryFailed.Kind, region,
                $"{GpuOfferingRequest.Azure} {(region == "*" ? "(every region)" : region)}: {what}{UserText.Show(inner.Message)} The others go on.", inner);
            return new LiveRegionResult(GpuOfferingRequest.Azure, region, Array.Empty<GpuCatalogEntry>(), error);
        }
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
            // An optional signal: failing or denied, the EC2 facts come out unpriced with one warning for the region.
            var prices = new OptionalSignal(ec2.Region, "Price List prices", "its offerings are unpriced (listed with -IncludeUnpriced)", _reporter);
            // A few types of one region at a time: the Price List API throttles eagerly.
            using var perRegion = new SemaphoreSlim(4);
            await Task.WhenAll(entries.Select(async entry =>
            {
                await perRegion.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await prices.TryAsync(() => PriceAwsEntryAsync(entry, cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    perRegion.Release();
                }
            })).ConfigureAwait(false);
        }

        return entries;
    }

    private async Task<bool> PriceAwsEntryAsync(GpuCatalogEntry entry, CancellationToken cancellationToken)
    {
        var filters = AwsPriceListPrices.Filters(entry.InstanceType, entry.Region);
        var documents = await _priceList!.GetProductsAsync("AmazonEC2", filters, cancellationToken).ConfigureAwait(false);
        foreach (var document in documents)
        {
            if (!AwsPriceListPrices.IsLinuxSharedTenancy(document))
            {
                continue; // a Windows, RHEL, SQL or dedicated row must not price a Linux shared instance
            }

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
        return true;
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
