using System.Collections.Generic;

namespace AwsWiki.Gpu.Topology;

/// <summary>What the parser read from one `nvidia-smi topo -m` (plus optional `nvlink -s`) text, before any judgement.</summary>
internal sealed class ParsedGpuTopology
{
    public ParsedGpuTopology(int gpuCount, IReadOnlyList<string> nicNames)
    {
        GpuCount = gpuCount;
        NicNames = nicNames;
        GpuCells = new string[gpuCount, gpuCount];
        NicCells = new string[gpuCount, nicNames.Count];
        CpuAffinity = new string?[gpuCount];
        NumaAffinity = new string?[gpuCount];
        GpuNumaId = new string?[gpuCount];
    }

    public int GpuCount { get; }

    /// <summary>NIC column names, with the NIC Legend's names applied (NIC0 becomes mlx5_0).</summary>
    public IReadOnlyList<string> NicNames { get; }

    /// <summary>[row, column] GPU-to-GPU cells as printed; the diagonal is "X".</summary>
    public string[,] GpuCells { get; }

    /// <summary>[gpu, nic] cells from the GPU rows.</summary>
    public string[,] NicCells { get; }

    public string?[] CpuAffinity { get; }

    public string?[] NumaAffinity { get; }

    public string?[] GpuNumaId { get; }

    /// <summary>Per GPU index, from `nvidia-smi nvlink -s`; null when that output was not part of the text.</summary>
    public IReadOnlyDictionary<int, NvLinkStatus>? NvLinks { get; set; }
}
