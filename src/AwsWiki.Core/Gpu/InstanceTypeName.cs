namespace AwsWiki.Gpu;

/// <summary>What an EC2 instance type name says about the type.</summary>
public sealed class InstanceTypeName
{
    public string InstanceType { get; set; } = string.Empty;

    /// <summary>The part before the dot, e.g. g4dn.</summary>
    public string Family { get; set; } = string.Empty;

    /// <summary>The leading letters, e.g. g, inf, hpc, mac.</summary>
    public string Series { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    public int Generation { get; set; }

    public string ProcessorVendor { get; set; } = string.Empty;

    /// <summary>Comma-joined attribute letters and options, e.g. "d,n" or "flex".</summary>
    public string Attributes { get; set; } = string.Empty;

    /// <summary>What each attribute means, "; "-joined.</summary>
    public string AttributeMeanings { get; set; } = string.Empty;

    public string Size { get; set; } = string.Empty;

    public bool IsMetal { get; set; }
}
