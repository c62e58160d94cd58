namespace AwsWiki.Gpu.Topology;

/// <summary>The NVLink layout of a machine's GPUs.</summary>
public enum GpuTopologyShape
{
    /// <summary>Every GPU pair has NVLink (NVSwitch systems, NVLink quads).</summary>
    AllToAll,

    /// <summary>Eight GPUs, each with NVLink to four others (the DGX-1 / p3.16xlarge layout).</summary>
    HybridCubeMesh,

    /// <summary>Some pairs have NVLink, some do not, in no known layout.</summary>
    Partial,

    /// <summary>Several GPUs and no NVLink between any of them.</summary>
    PcieOnly,

    SingleGpu,
}
