using System.Collections.Generic;
using System.Globalization;

namespace AwsWiki.Gpu.Topology;

/// <summary>
/// What one instance type's GPUs should look like: how many, which shape, and how many NVLinks each
/// pair has (the same for every pair, or per pair for the V100 cube-mesh).
/// </summary>
internal sealed class GpuTopologyExpectation
{
    public GpuTopologyExpectation(int? gpuCount, GpuTopologyShape shape, int nvLinksPerPair = 0,
        IReadOnlyDictionary<(int A, int B), int>? pairNvLinks = null)
    {
        GpuCount = gpuCount;
        Shape = shape;
        NvLinksPerPair = nvLinksPerPair;
        PairNvLinks = pairNvLinks;
    }

    /// <summary>Null when the count is not known (a PCIe family size the catalog lacks).</summary>
    public int? GpuCount { get; }

    public GpuTopologyShape Shape { get; }

    public int NvLinksPerPair { get; }

    /// <summary>Per pair (A &lt; B); pairs not listed have no NVLink. Null when every pair has <see cref="NvLinksPerPair"/>.</summary>
    public IReadOnlyDictionary<(int A, int B), int>? PairNvLinks { get; }

    public bool ExpectsNvLink => PairNvLinks is not null || NvLinksPerPair > 0;

    public int ExpectedFor(int a, int b)
    {
        if (PairNvLinks is null)
        {
            return NvLinksPerPair;
        }

        return PairNvLinks.TryGetValue((a < b ? a : b, a < b ? b : a), out var count) ? count : 0;
    }

    public override string ToString()
    {
        var gpus = GpuCount is { } count ? count.ToString(CultureInfo.InvariantCulture) + " GPU" + (count == 1 ? string.Empty : "s") : "GPUs";
        return Shape switch
        {
            GpuTopologyShape.SingleGpu => "SingleGpu",
            GpuTopologyShape.PcieOnly => $"PcieOnly, {gpus}",
            GpuTopologyShape.HybridCubeMesh => $"HybridCubeMesh, {gpus}, NV1/NV2 (DGX-1 layout)",
            _ when PairNvLinks is not null => $"{Shape}, {gpus}, NV1/NV2 per pair",
            _ => $"{Shape}, {gpus}, NV{NvLinksPerPair} every pair",
        };
    }
}
