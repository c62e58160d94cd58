using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Clients;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>
/// Get-InstanceOffering -Source Live: per region (through the one fan-out engine) the zones from
/// DescribeInstanceTypeOfferings, specs from DescribeInstanceTypes (once per type for the whole
/// query), on-demand and reserved Linux shared-tenancy prices from the Price List (an optional
/// signal: failing, the rows come out unpriced with one warning per region) and spot prices from
/// DescribeSpotPriceHistory. Zones and spot prices are read by the GPU path's EC2 inventory.
/// </summary>
internal sealed class LiveInstanceOfferingSource
{
    private const int ActivityId = 3302;
    private const string Activity = "Querying instance offerings";
    private readonly AwsContext _context;
    private readonly IReadOnlyList<string> _regions;
    private readonly IPriceListClient _priceList;
    private readonly IActivityReporter _reporter;
    private readonly SemaphoreSlim _specGate = new(1, 1);
    private readonly Dictionary<string, InstanceTypeSpec> _specs = new(StringComparer.Ordinal);

    public LiveInstanceOfferingSource(AwsContext context, IReadOnlyList<string> regions, IActivityReporter reporter)
    {
        _context = context;
        _regions = regions;
        _priceList = new PriceListClient(context);
        _reporter = reporter;
    }

    public async Task<IReadOnlyList<FanOutResult<IReadOnlyList<InstanceCatalogEntry>>>> QueryAsync(InstanceOfferingRequest request, CancellationToken cancellationToken)
    {
        var fanOut = new FanOut(_reporter, ActivityId, Activity, "regions");
        try
        {
            return await fanOut.RunAsync(_regions.Select(r => new FanOutScope(_context.ProfileName, null, r)).ToList(),
                (scope, token) => QueryRegionAsync(scope.Region!, request, token), cancellationToken, failure: Errors.RegionQueryFailed).ConfigureAwait(false);
        }
        finally
        {
            fanOut.Complete();
        }
    }

    private async Task<IReadOnlyList<InstanceCatalogEntry>> QueryRegionAsync(string region, InstanceOfferingRequest request, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Querying AWS {region}.");
        using var inventory = new Ec2GpuInventory(_context, region);
        using var ec2 = AwsClientFactory.Ec2(_context, region);
        var zones = await inventory.DescribeZoneOfferingsAsync(cancellationToken).ConfigureAwait(false);
        var offered = zones.Keys.Where(t => GlobPattern.AnyMatch(request.Common.InstanceTypes, t)).ToList();
        await LearnSpecsAsync(ec2, offered, cancellationToken).ConfigureAwait(false);

        var entries = new List<InstanceCatalogEntry>();
        foreach (var type in offered.OrderBy(t => t, StringComparer.Ordinal))
        {
            if (_specs.TryGetValue(type, out var spec) && request.MatchesSpec(spec))
            {
                entries.Add(new InstanceCatalogEntry(spec, region) { AvailabilityZones = string.Join(",", zones[type]), Source = "EC2 API (live)" });
            }
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (request.Common.PricingModel == GpuPricingModel.Spot)
        {
            var spot = new OptionalSignal(region, "EC2 spot price history", "its offerings are unpriced (listed with -IncludeUnpriced)", _reporter);
            var (known, prices) = await spot.TryAsync(() => inventory.LatestSpotPricesAsync(entries.Select(e => e.Spec.InstanceType).ToList(), cancellationToken),
                cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                if (known && prices!.TryGetValue(entry.Spec.InstanceType, out var price))
                {
                    entry.HourlyPrices[GpuPricingModel.Spot] = price;
                    entry.SpotPriceAsOf = today;
                }

                entry.Source = "EC2 API (live; spot price history)";
            }

            return entries;
        }

        var signal = new OptionalSignal(region, "Price List prices", "its offerings are unpriced (listed with -IncludeUnpriced)", _reporter);
        using var perRegion = new SemaphoreSlim(4); // the Price List throttles eagerly
        await Task.WhenAll(entries.Select(async entry =>
        {
            await perRegion.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var (known, price) = await signal.TryAsync(() => LivePriceList.PricesAsync(_priceList, entry.Spec.InstanceType, region, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                if (known && price is not null)
                {
                    foreach (var p in price.Prices)
                    {
                        entry.HourlyPrices[p.Key] = p.Value;
                    }

                    entry.PriceAsOf = price.AsOf;
                    entry.ProcessorModel = price.PhysicalProcessor;
                }

                entry.Source = "EC2 API + AWS Price List API (live)";
            }
            finally
            {
                perRegion.Release();
            }
        })).ConfigureAwait(false);
        return entries;
    }

    /// <summary>Specs are the same in every region: each type is described once per query.</summary>
    private async Task LearnSpecsAsync(ServiceClient<Amazon.EC2.AmazonEC2Client> ec2, IReadOnlyList<string> offered, CancellationToken cancellationToken)
    {
        await _specGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var missing = offered.Where(t => !_specs.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                foreach (var spec in await Ec2InstanceTypes.DescribeAsync(ec2, missing, cancellationToken).ConfigureAwait(false))
                {
                    _specs[spec.Key] = spec.Value;
                }
            }
        }
        finally
        {
            _specGate.Release();
        }
    }
}
