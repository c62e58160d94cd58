using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.Instances.Offerings;

/// <summary>DescribeInstanceTypes for every type (not only accelerators), each page through the one call path.</summary>
internal static class Ec2InstanceTypes
{
    /// <param name="names">The types to describe, at most 100 per call; null for every type.</param>
    public static async Task<IReadOnlyDictionary<string, InstanceTypeSpec>> DescribeAsync(ServiceClient<AmazonEC2Client> client, IReadOnlyList<string>? names,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, InstanceTypeSpec>(StringComparer.Ordinal);
        var batches = names is null
            ? new List<List<string>?> { null }
            : Enumerable.Range(0, (names.Count + 99) / 100).Select(i => (List<string>?)names.Skip(i * 100).Take(100).ToList()).ToList();
        foreach (var batch in batches)
        {
            var request = batch is null ? new DescribeInstanceTypesRequest { MaxResults = 100 } : new DescribeInstanceTypesRequest { InstanceTypes = batch };
            await foreach (var page in client.PagesAsync("DescribeInstanceTypes", c => c.Paginators.DescribeInstanceTypes(request).Responses, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var info in page.InstanceTypes ?? new List<InstanceTypeInfo>())
                {
                    result[info.InstanceType.Value] = ToSpec(info);
                }
            }
        }

        return result;
    }

    /// <summary>EC2's record as a spec: the first accelerator in the order the catalogs take (GPU, Neuron, inference, FPGA).</summary>
    internal static InstanceTypeSpec ToSpec(InstanceTypeInfo info)
    {
        string model = string.Empty, maker = string.Empty;
        int? count = null;
        double? memoryMiB = null;
        if (info.GpuInfo?.Gpus is { Count: > 0 } gpus)
        {
            (model, maker, count, memoryMiB) = (gpus[0].Name, gpus[0].Manufacturer, gpus.Sum(g => g.Count ?? 0), gpus[0].MemoryInfo?.SizeInMiB);
        }
        else if (info.NeuronInfo?.NeuronDevices is { Count: > 0 } neuron)
        {
            (model, maker, count, memoryMiB) = (neuron[0].Name, "AWS", neuron.Sum(n => n.Count ?? 0), neuron[0].MemoryInfo?.SizeInMiB);
        }
        else if (info.InferenceAcceleratorInfo?.Accelerators is { Count: > 0 } inference)
        {
            (model, maker, count, memoryMiB) = (inference[0].Name, inference[0].Manufacturer, inference.Sum(a => a.Count ?? 0), inference[0].MemoryInfo?.SizeInMiB);
        }
        else if (info.FpgaInfo?.Fpgas is { Count: > 0 } fpgas)
        {
            (model, maker, count, memoryMiB) = (fpgas[0].Name, fpgas[0].Manufacturer, fpgas.Sum(f => f.Count ?? 0), fpgas[0].MemoryInfo?.SizeInMiB);
        }

        return new InstanceTypeSpec
        {
            InstanceType = info.InstanceType.Value,
            VCpus = info.VCpuInfo?.DefaultVCpus ?? 0,
            MemoryGiB = Math.Round((info.MemoryInfo?.SizeInMiB ?? 0) / 1024.0, 3),
            Architecture = string.Join(",", (info.ProcessorInfo?.SupportedArchitectures ?? new List<string>()).Where(a => a != "i386")),
            ProcessorVendor = info.ProcessorInfo?.Manufacturer is { Length: > 0 } vendor ? vendor : "Unknown",
            SustainedClockGhz = info.ProcessorInfo?.SustainedClockSpeedInGhz,
            GpuModel = model ?? string.Empty,
            GpuManufacturer = maker ?? string.Empty,
            GpuCount = count,
            GpuMemoryGiB = memoryMiB is { } mib ? Math.Round(mib / 1024.0, 2) : null,
        };
    }
}
