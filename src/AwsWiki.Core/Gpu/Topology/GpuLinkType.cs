namespace AwsWiki.Gpu.Topology;

/// <summary>
/// How two devices in `nvidia-smi topo -m` are connected, nearest first. The old legend's SOC
/// (a path across the CPU sockets' interconnect) is reported as SYS, which replaced it.
/// </summary>
public enum GpuLinkType
{
    NVLink,
    PIX,
    PXB,
    PHB,
    NODE,
    SYS,
}
