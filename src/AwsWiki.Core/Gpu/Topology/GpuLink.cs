namespace AwsWiki.Gpu.Topology;

/// <summary>One GPU pair of the matrix (GpuA below GpuB): scalar, so the pairs export cleanly to CSV.</summary>
public sealed class GpuLink
{
    /// <summary>Where the matrix came from: a path, "local", or an instance id.</summary>
    public string Source { get; set; } = string.Empty;

    public int GpuA { get; set; }

    public int GpuB { get; set; }

    public GpuLinkType Link { get; set; }

    /// <summary>NVLinks bonded between the pair (the # of NV#); 0 when the path is PCIe.</summary>
    public int NvLinkCount { get; set; }

    /// <summary>What the instance type's layout has for this pair; null when there is no expectation.</summary>
    public int? ExpectedNvLinkCount { get; set; }

    /// <summary>The cell as nvidia-smi printed it (NV12, SYS, SOC, ...).</summary>
    public string Cell { get; set; } = string.Empty;

    public override string ToString() => $"GPU{GpuA}-GPU{GpuB} {Cell}";
}
