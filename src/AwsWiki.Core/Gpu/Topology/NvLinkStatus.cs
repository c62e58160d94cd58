using System.Collections.Generic;

namespace AwsWiki.Gpu.Topology;

/// <summary>One GPU's block of `nvidia-smi nvlink -s`: links with a speed, links reported inactive.</summary>
internal sealed class NvLinkStatus
{
    public int Active { get; set; }

    public int Inactive { get; set; }

    public List<string> Speeds { get; } = new();
}
