namespace AwsWiki.Gpu.Topology;

/// <summary>One GPU row of the matrix, with its NVLink status when `nvidia-smi nvlink -s` was given.</summary>
public sealed class GpuTopologyGpu
{
    public string Source { get; set; } = string.Empty;

    public int Index { get; set; }

    /// <summary>CPU Affinity column (e.g. 0-19,40-59); null when the column is absent or N/A.</summary>
    public string? CpuAffinity { get; set; }

    /// <summary>NUMA Affinity column; null when absent or N/A.</summary>
    public string? NumaAffinity { get; set; }

    /// <summary>GPU NUMA ID column (newer drivers); null when absent or N/A.</summary>
    public string? GpuNumaId { get; set; }

    /// <summary>The closest NIC (by the legend's order PIX, PXB, PHB, NODE, SYS), with NIC Legend names applied.</summary>
    public string? NearestNic { get; set; }

    public GpuLinkType? NearestNicLink { get; set; }

    /// <summary>Links reported with a speed by `nvidia-smi nvlink -s`; null when that output was not given.</summary>
    public int? ActiveNvLinks { get; set; }

    /// <summary>Links reported as inactive by `nvidia-smi nvlink -s`; null when that output was not given.</summary>
    public int? InactiveNvLinks { get; set; }

    /// <summary>The distinct per-link speeds nvlink -s reported (e.g. "25.781 GB/s").</summary>
    public string? NvLinkSpeed { get; set; }

    public override string ToString() => "GPU" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
