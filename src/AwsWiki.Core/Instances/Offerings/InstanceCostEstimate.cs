namespace AwsWiki.Instances.Offerings;

/// <summary>
/// What running Count instances of one type for a period costs. It carries the input's own
/// figures (InstanceType, Region, PricingModel, HourlyPrice, Currency, and for a listed instance
/// its InstanceId and AccountId), so an exported estimate can be imported and measured again.
/// </summary>
public sealed class InstanceCostEstimate
{
    public string InstanceType { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>Set when the input was a listed instance (Get-AwsInstance); empty for an offering.</summary>
    public string InstanceId { get; set; } = string.Empty;

    public string AccountId { get; set; } = string.Empty;

    public string PricingModel { get; set; } = string.Empty;

    /// <summary>Price per instance-hour, in <see cref="Currency"/>.</summary>
    public double HourlyPrice { get; set; }

    public int Count { get; set; }

    public double Hours { get; set; }

    public double TotalCost { get; set; }

    /// <summary>TotalCost over 730-hour months.</summary>
    public double MonthlyCost { get; set; }

    public string Currency { get; set; } = string.Empty;
}
