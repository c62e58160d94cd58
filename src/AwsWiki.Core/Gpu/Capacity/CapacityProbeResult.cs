namespace AwsWiki.Gpu.Capacity;

/// <summary>What a -Probe (create a capacity reservation, cancel it at once) found.</summary>
public enum CapacityProbeResult
{
    NotProbed,
    Succeeded,
    InsufficientCapacity,
    Failed,
}
