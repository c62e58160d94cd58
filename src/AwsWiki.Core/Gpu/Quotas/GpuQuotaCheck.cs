namespace AwsWiki.Gpu.Quotas;

/// <summary>
/// One instance type's ask against its family's vCPU quota in a region: the quota, the vCPUs its
/// running and pending instances use, and what Count more instances need.
/// </summary>
public sealed record GpuQuotaCheck(string InstanceType, string Region, int Count, bool Spot, string QuotaCode, string QuotaName,
    int QuotaVCpus, int UsedVCpus, int RequiredVCpus)
{
    /// <summary>Used + required; checked when made (<see cref="VCpuMath.Needed"/>).</summary>
    public int NeededVCpus { get; init; }

    public bool Exceeded => NeededVCpus > QuotaVCpus;

    /// <summary>The command that asks for enough, as the user would type it.</summary>
    public string RequestCommand =>
        $"Request-GpuQuotaIncrease -InstanceType {InstanceType} -Count {Count} -Region {Region}{(Spot ? " -Spot" : string.Empty)}";

    /// <summary>"Quota L-417A185B allows 0 vCPUs; 0 in use + 96 for 1 x p4d.24xlarge = 96. Ask: Request-GpuQuotaIncrease ...".</summary>
    public string Explain() =>
        $"Quota {QuotaCode} allows {QuotaVCpus} vCPUs; {UsedVCpus} in use + {RequiredVCpus} for {Count} x {InstanceType} = {NeededVCpus}. Ask: {RequestCommand}";
}
