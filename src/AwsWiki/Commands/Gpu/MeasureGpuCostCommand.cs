using System;
using System.Globalization;
using System.Management.Automation;
using AwsWiki.Commands.Internal;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Cost of running enough instances of each piped offering for a period. Reads the offering by
/// property name (Provider, InstanceType, Region, GpuModel, PricingModel, HourlyPrice, GpuCount or
/// GpusPerInstance, Currency), so Get-GpuInstanceOffering output, Import-Csv rows (of offerings
/// or of earlier estimates) or hand-made objects all work.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "GpuCost", DefaultParameterSetName = "Hours")]
[OutputType(typeof(GpuCostEstimate))]
public sealed class MeasureGpuCostCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>GPUs needed in all (not per instance: that comes from the offering).</summary>
    [Parameter(Mandatory = true)]
    public int GpuCount { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Hours")]
    public double Hours { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Days")]
    public double Days { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Months")]
    public double Months { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Years")]
    public double Years { get; set; }

    private double _hours;

    protected override void BeginProcessing()
    {
        try
        {
            GpuCostCalculator.ValidateGpuCount(GpuCount);
            var amount = ParameterSetName switch { "Days" => Days, "Months" => Months, "Years" => Years, _ => Hours };
            _hours = GpuCostCalculator.ToHours(amount, ParameterSetName);
        }
        catch (AwsWikiException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Target));
        }
    }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        try
        {
            // An exported estimate says GpusPerInstance (its GpuCount is what was asked for); an offering says GpuCount.
            var gpusPerInstance = InputObject.Properties["GpusPerInstance"] is not null
                ? Number(InputObject, "GpusPerInstance")
                : Number(InputObject, "GpuCount");
            WriteObject(GpuCostCalculator.Estimate(
                Text(InputObject, "Provider"), Text(InputObject, "InstanceType"), Text(InputObject, "Region"), Text(InputObject, "GpuModel"),
                Text(InputObject, "PricingModel") is { Length: > 0 } model ? model : "OnDemand",
                Number(InputObject, "HourlyPrice"),
                gpusPerInstance is { } count ? (int)Math.Round(count) : 0,
                Text(InputObject, "Currency") is { Length: > 0 } currency ? currency : "USD",
                GpuCount, _hours));
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, e.Target));
        }
    }

    private static string Text(PSObject input, string name) => input.Properties[name]?.Value?.ToString() ?? string.Empty;

    private static double? Number(PSObject input, string name)
    {
        var value = input.Properties[name]?.Value;
        if (value is PSObject wrapped)
        {
            value = wrapped.BaseObject;
        }

        return value switch
        {
            null => null,
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new AwsWikiException("InvalidOfferingProperty", FailureKind.InvalidData, input.ToString(), $"The offering's {name} '{s}' is not a number."),
            IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
            _ => throw new AwsWikiException("InvalidOfferingProperty", FailureKind.InvalidData, input.ToString(), $"The offering's {name} is not a number."),
        };
    }
}
