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
    private const int AzureSkusPerQuery = 10;
    private readonly IReadOnlyList<IEc2GpuInventory> _awsRegions;
    private readonly IPriceListClient? _priceList;
    private readonly IAzureRetailPriceClient? _azure;
    private readonly IReadOnlyList<string>? _azureRegions;
    private readonly IActivityReporter _reporter;
    private readonly SemaphoreSlim _parallel;
    private readonly SemaphoreSlim _specGate = new(1, 1);
    private readonly ConcurrentDictionary<string, GpuCatalogEntry?> _specs = new(StringComparer.Ordinal);
    private int _done;
    private int _total;

    /// <param name="azureRegions">Azure regions to query; null queries every region in one request series.</param>
    public LiveGpuOfferingSource(IReadOnlyList<IEc2GpuInventory> awsRegions, IPriceListClient? priceList, IAzureRetailPriceClient? azure,
        IReadOnlyList<string>? azureRegions, IActivityReporter reporter, int maxParallel = 8)
    {
        _awsRegions = awsRegions;
        _priceList = priceList;
        _azure = azure;
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
                work.Add((GpuOfferingRequest.Azure, name ?? "*", () => QueryAzureAsync(_azure, name, request, cancellationToken)));
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
        var filters = new List<KeyValuePair<string, string>>
        {
            new("instanceType", entry.InstanceType),
            new("regionCode", entry.Region),
            new("operatingSystem", "Linux"),
            new("tenancy", "Shared"),
            new("preInstalledSw", "NA"),
            new("capacitystatus", "Used"),
        };
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

    private async Task<IReadOnlyList<GpuCatalogEntry>> QueryAzureAsync(IAzureRetailPriceClient azure, string? region, GpuOfferingRequest request,
        CancellationToken cancellationToken)
    {
        var templates = GpuCatalog.Entries
            .Where(e => e.Provider == GpuOfferingRequest.Azure && GlobPattern.AnyMatch(request.InstanceTypes, e.InstanceType)
                && GlobPattern.AnyMatch(request.GpuModels, e.GpuModel) && e.GpuCount >= request.MinGpuCount && e.GpuMemoryGiB >= request.MinGpuMemoryGiB)
            .GroupBy(e => e.InstanceType, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        if (templates.Count == 0)
        {
            return Array.Empty<GpuCatalogEntry>();
        }

        var reserved = request.PricingModel is GpuPricingModel.Reserved1Yr or GpuPricingModel.Reserved3Yr;
        var currency = request.ExchangeRate is null ? request.Currency : "USD";
        var items = new List<AzureRetailPrice>();
        foreach (var chunk in templates.Keys.OrderBy(k => k, StringComparer.Ordinal).Select((k, i) => (k, i)).GroupBy(x => x.i / AzureSkusPerQuery))
        {
            var filter = "serviceName eq 'Virtual Machines' and priceType eq '" + (reserved ? "Reservation" : "Consumption") + "'"
                + (region is null ? string.Empty : $" and armRegionName eq '{region}'")
                + " and (" + string.Join(" or ", chunk.Select(x => $"armSkuName eq '{x.k}'")) + ")";
            items.AddRange(await azure.GetPricesAsync(filter, currency, cancellationToken).ConfigureAwait(false));
        }

        var entries = new Dictionary<(string Sku, string Region), GpuCatalogEntry>();
        foreach (var item in items)
        {
            if (!templates.TryGetValue(item.ArmSkuName, out var template) || !Selects(item, request.PricingModel) || double.IsNaN(item.UnitPrice))
            {
                continue;
            }

            var hourly = request.PricingModel switch
            {
                GpuPricingModel.Reserved1Yr => item.UnitPrice / 8760,
                GpuPricingModel.Reserved3Yr => item.UnitPrice / 26280,
                _ => item.UnitPrice,
            };
            var key = (template.InstanceType, item.ArmRegionName);
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = template.CloneSpec();
                entry.Region = item.ArmRegionName;
                entry.Currency = item.CurrencyCode.Length > 0 ? item.CurrencyCode : currency;
                entry.PriceAsOf = item.EffectiveStartDate;
                entry.Source = "Azure Retail Prices API (live); catalog specs";
                entries[key] = entry;
            }

            if (!entry.HourlyPrices.TryGetValue(request.PricingModel, out var seen) || hourly < seen)
            {
                entry.HourlyPrices[request.PricingModel] = hourly;
            }
        }

        return entries.Values.Where(request.MatchesSpec).ToList();
    }

    /// <summary>Linux meters of the asked model only: no Windows; Spot and Low Priority only when Spot is asked.</summary>
    private static bool Selects(AzureRetailPrice item, GpuPricingModel model)
    {
        if (item.ProductName.IndexOf("Windows", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return false;
        }

        var spot = item.MeterName.IndexOf("Spot", StringComparison.OrdinalIgnoreCase) >= 0 || item.SkuName.IndexOf("Spot", StringComparison.OrdinalIgnoreCase) >= 0;
        var lowPriority = item.MeterName.IndexOf("Low Priority", StringComparison.OrdinalIgnoreCase) >= 0 || item.SkuName.IndexOf("Low Priority", StringComparison.OrdinalIgnoreCase) >= 0;
        return model switch
        {
            GpuPricingModel.Spot => spot && item.Type == "Consumption",
            GpuPricingModel.OnDemand => !spot && !lowPriority && item.Type == "Consumption",
            GpuPricingModel.Reserved1Yr => item.Type == "Reservation" && item.ReservationTerm == "1 Year",
            _ => item.Type == "Reservation" && item.ReservationTerm == "3 Years",
        };
    }
}
