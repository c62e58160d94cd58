namespace AwsWiki.Instances.Offerings;

/// <summary>What EC2 says about one instance type, the same in every region.</summary>
internal sealed class InstanceTypeSpec
{
    public string InstanceType { get; set; } = string.Empty;

    public int VCpus { get; set; }

    public double MemoryGiB { get; set; }

    /// <summary>x86_64, arm64 or both, comma-joined (i386 left out).</summary>
    public string Architecture { get; set; } = string.Empty;

    /// <summary>EC2's ProcessorInfo.Manufacturer: Intel, AMD, AWS, Apple.</summary>
    public string ProcessorVendor { get; set; } = string.Empty;

    /// <summary>ProcessorInfo.SustainedClockSpeedInGhz; empty where EC2 does not say.</summary>
    public double? SustainedClockGhz { get; set; }

    /// <summary>The first accelerator (GPU, Neuron, inference or FPGA); empty for types without one.</summary>
    public string GpuModel { get; set; } = string.Empty;

    public string GpuManufacturer { get; set; } = string.Empty;

    public int? GpuCount { get; set; }

    public double? GpuMemoryGiB { get; set; }

    /// <summary>The family: the name before the dot (c6i of c6i.large).</summary>
    public string Family => InstanceType.IndexOf('.') is var dot and > 0 ? InstanceType.Substring(0, dot) : InstanceType;
}
