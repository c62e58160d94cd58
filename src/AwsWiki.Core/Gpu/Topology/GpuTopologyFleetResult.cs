namespace AwsWiki.Gpu.Topology;

/// <summary>One instance's outcome: its topology, or the error that stopped it (never both).</summary>
internal sealed class GpuTopologyFleetResult
{
    public GpuTopologyFleetResult(string instanceId, GpuTopology? topology, AwsWikiException? error)
    {
        InstanceId = instanceId;
        Topology = topology;
        Error = error;
    }

    public string InstanceId { get; }

    public GpuTopology? Topology { get; }

    public AwsWikiException? Error { get; }
}
