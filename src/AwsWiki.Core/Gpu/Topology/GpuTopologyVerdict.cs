namespace AwsWiki.Gpu.Topology;

/// <summary>The topology measured against what the instance type should have.</summary>
public enum GpuTopologyVerdict
{
    /// <summary>As expected.</summary>
    Healthy,

    /// <summary>A GPU, a link or a pair's NVLink count is missing or lower than expected.</summary>
    Degraded,

    /// <summary>NVLink was expected and no GPU pair has any.</summary>
    NoNvLink,

    /// <summary>Nothing to compare with: the instance type is unknown or not in the table.</summary>
    Unknown,
}
