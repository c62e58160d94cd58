using System;
using System.Collections.Generic;

namespace AwsWiki.Gpu.Topology;

/// <summary>One machine's `nvidia-smi topo -m` as objects, checked against its instance type.</summary>
public sealed class GpuTopology
{
    /// <summary>The file path, "local", "pipeline", or the instance id.</summary>
    public string Source { get; set; } = string.Empty;

    public string? InstanceType { get; set; }

    public int GpuCount { get; set; }

    public int NicCount { get; set; }

    /// <summary>NIC names in column order, comma-separated (NIC Legend names where one was printed).</summary>
    public string Nics { get; set; } = string.Empty;

    /// <summary>One per GPU pair; `Select-Object -ExpandProperty Links` gives rows for CSV.</summary>
    public IReadOnlyList<GpuLink> Links { get; set; } = Array.Empty<GpuLink>();

    public IReadOnlyList<GpuTopologyGpu> Gpus { get; set; } = Array.Empty<GpuTopologyGpu>();

    /// <summary>True when there are at least two GPUs and every pair has NVLink.</summary>
    public bool AllPairsNvLink { get; set; }

    /// <summary>Fewest NVLinks between any GPU pair (0 when a pair has none); null for a single GPU.</summary>
    public int? MinNvLinks { get; set; }

    public int? MaxNvLinks { get; set; }

    public GpuTopologyShape Shape { get; set; }

    /// <summary>What the instance type should have, in words; null when unknown.</summary>
    public string? Expected { get; set; }

    public GpuTopologyVerdict Verdict { get; set; }

    /// <summary>Why the verdict is not Healthy (pairs, GPUs, links that differ), "; "-separated; for Healthy, empty or a note.</summary>
    public string Reasons { get; set; } = string.Empty;

    /// <summary>True when `nvidia-smi nvlink -s` output was parsed too.</summary>
    public bool HasNvLinkStatus { get; set; }
}
