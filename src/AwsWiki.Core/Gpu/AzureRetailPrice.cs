namespace AwsWiki.Gpu;

/// <summary>The fields of one Azure Retail Prices API item that a GPU offering needs.</summary>
internal sealed class AzureRetailPrice
{
    public string ArmSkuName { get; set; } = string.Empty;

    public string ArmRegionName { get; set; } = string.Empty;

    public string CurrencyCode { get; set; } = string.Empty;

    /// <summary>Per hour for Consumption; for the whole term for Reservation.</summary>
    public double UnitPrice { get; set; }

    public string Type { get; set; } = string.Empty;

    public string ReservationTerm { get; set; } = string.Empty;

    public string MeterName { get; set; } = string.Empty;

    public string SkuName { get; set; } = string.Empty;

    public string ProductName { get; set; } = string.Empty;

    public string ServiceName { get; set; } = string.Empty;

    public string UnitOfMeasure { get; set; } = string.Empty;

    public string EffectiveStartDate { get; set; } = string.Empty;
}
