using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.Gpu;

/// <summary>EC2 DescribeInstanceTypes, DescribeInstanceTypeOfferings and DescribeSpotPriceHistory through AWSSDK.EC2, every page through the one call path.</summary>
internal sealed class Ec2GpuInventory : IEc2GpuInventory, IDisposable
{
    private readonly ServiceClient<AmazonEC2Client> _client;

    /// <param name="region">Another region than the context's, with the same credentials.</param>
    public Ec2GpuInventory(AwsContext context, string? region = null)
    {
        _client = AwsClientFactory.Ec2(context, region);
        Region = _client.Region;
    }

    public string Region { get; }

    public async Task<IReadOnlyDictionary<string, GpuCatalogEntry?>> DescribeInstanceTypesAsync(IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, GpuCatalogEntry?>(StringComparer.Ordinal);
        // Every type, paginated; or the named ones, at most 100 per call (the API's limit).
        var batches = new List<List<string>?>();
        if (names is null)
        {
            batches.Add(null);
        }
        else
        {
            for (var start = 0; start < names.Count; start += 100)
            {
                batches.Add(names.Skip(start).Take(100).ToList());
            }
        }

        foreach (var batch in batches)
        {
            var request = new DescribeInstanceTypesRequest();
            if (batch is null)
            {
                request.MaxResults = 100;
            }
            else
            {
                request.InstanceTypes = batch;
            }

            await foreach (var response in _client.PagesAsync("DescribeInstanceTypes", c => c.Paginators.DescribeInstanceTypes(request).Responses, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var info in response.InstanceTypes ?? new List<InstanceTypeInfo>())
                {
                    result[info.InstanceType.Value] = ToEntry(info);
                }
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DescribeZoneOfferingsAsync(CancellationToken cancellationToken)
    {
        var zones = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var request = new DescribeInstanceTypeOfferingsRequest { LocationType = LocationType.AvailabilityZone, MaxResults = 1000 };
        await foreach (var response in _client.PagesAsync("DescribeInstanceTypeOfferings", c => c.Paginators.DescribeInstanceTypeOfferings(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var offering in response.InstanceTypeOfferings ?? new List<InstanceTypeOffering>())
            {
                if (!zones.TryGetValue(offering.InstanceType.Value, out var list))
                {
                    zones[offering.InstanceType.Value] = list = new List<string>();
                }

                list.Add(offering.Location);
            }
        }

        return zones.ToDictionary(z => z.Key, z => (IReadOnlyList<string>)z.Value.OrderBy(n => n, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, double>> LatestSpotPricesAsync(IReadOnlyList<string> instanceTypes, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<(string Type, string Zone), (DateTime Time, double Price)>();
        if (instanceTypes.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        var request = new DescribeSpotPriceHistoryRequest
        {
            InstanceTypes = instanceTypes.ToList(),
            ProductDescriptions = new List<string> { "Linux/UNIX" },
            StartTime = DateTime.UtcNow,
        };
        await foreach (var response in _client.PagesAsync("DescribeSpotPriceHistory", c => c.Paginators.DescribeSpotPriceHistory(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var price in response.SpotPriceHistory ?? new List<SpotPrice>())
            {
                if (!double.TryParse(price.Price, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    continue;
                }

                var key = (price.InstanceType.Value, price.AvailabilityZone ?? string.Empty);
                var time = price.Timestamp ?? DateTime.MinValue;
                if (!latest.TryGetValue(key, out var seen) || time > seen.Time)
                {
                    latest[key] = (time, value);
                }
            }
        }

        return latest.GroupBy(l => l.Key.Type).ToDictionary(g => g.Key, g => g.Min(l => l.Value.Price), StringComparer.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    private static GpuCatalogEntry? ToEntry(InstanceTypeInfo info)
    {
        string? model = null, maker = null;
        int count = 0;
        double memoryMiB = 0;
        if (info.GpuInfo?.Gpus is { Count: > 0 } gpus)
        {
            (model, maker, count, memoryMiB) = (gpus[0].Name, gpus[0].Manufacturer, gpus.Sum(g => g.Count ?? 0), gpus[0].MemoryInfo?.SizeInMiB ?? 0);
        }
        else if (info.NeuronInfo?.NeuronDevices is { Count: > 0 } neuron)
        {
            (model, maker, count, memoryMiB) = (neuron[0].Name, "AWS", neuron.Sum(n => n.Count ?? 0), neuron[0].MemoryInfo?.SizeInMiB ?? 0);
        }
        else if (info.InferenceAcceleratorInfo?.Accelerators is { Count: > 0 } inference)
        {
            (model, maker, count, memoryMiB) = (inference[0].Name, inference[0].Manufacturer, inference.Sum(a => a.Count ?? 0), inference[0].MemoryInfo?.SizeInMiB ?? 0);
        }
        else if (info.FpgaInfo?.Fpgas is { Count: > 0 } fpgas)
        {
            (model, maker, count, memoryMiB) = (fpgas[0].Name, fpgas[0].Manufacturer, fpgas.Sum(f => f.Count ?? 0), fpgas[0].MemoryInfo?.SizeInMiB ?? 0);
        }

        if (model is null)
        {
            return null;
        }

        var name = info.InstanceType.Value;
        return new GpuCatalogEntry
        {
            Provider = GpuOfferingRequest.Aws,
            InstanceType = name,
            GpuModel = model,
            GpuManufacturer = maker ?? string.Empty,
            GpuCount = count,
            GpuMemoryGiB = Math.Round(memoryMiB / 1024.0, 2),
            VCpus = info.VCpuInfo?.DefaultVCpus ?? 0,
            MemoryGiB = Math.Round((info.MemoryInfo?.SizeInMiB ?? 0) / 1024.0, 2),
            Architecture = string.Join(",", (info.ProcessorInfo?.SupportedArchitectures ?? new List<string>()).Where(a => a != "i386")),
            // EC2's own processor record (g5, g6 and p5 are AMD although their names carry no 'a').
            ProcessorVendor = info.ProcessorInfo?.Manufacturer is { Length: > 0 } vendor
                ? vendor
                : InstanceTypeNameParser.TryParse(name)?.ProcessorVendor ?? "Unknown",
            GpuInterconnect = AwsGpuInterconnect.For(name),
            Source = "EC2 DescribeInstanceTypes",
        };
    }
}
