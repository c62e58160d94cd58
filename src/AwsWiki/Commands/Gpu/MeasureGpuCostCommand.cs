using System.Management.Automation;
using AwsWiki.Commands.Internal;
using static AwsWiki.Commands.Internal.PipelineInput;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Cost of running enough instances of each piped offering for a period. Reads the offering by
/// property name (Provider, InstanceType, Region, GpuModel, PricingModel, HourlyPrice, GpuCount or
/// GpusPerInstance, Currency), so Get-GpuInstanceOffering output, Import-Csv rows (of offerings
/// or of earlier estimates), hashtables (by key) or hand-made objects all work.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "GpuCost", DefaultParameterSetName = "Hours")]
[OutputType(typeof(GpuCostEstimate))]
public sealed class MeasureGpuCostCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>GPUs needed in all (not per instance: that comes from the offering).</summary>
    [Parameter(Mandatory = true)]
    public double GpuCount { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Hours")]
    public double Hours { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Days")]
    public double Days { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Months")]
    public double Months { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Years")]
    public double Years { get; set; }

    private double _hours;
    private int _gpuCount;

    protected override void BeginProcessing()
    {
        try
        {
            _gpuCount = GpuCostCalculator.ValidateGpuCount(GpuCount);
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
            var input = InputObject;
            var target = $"{Text(input, "Provider")} {Text(input, "InstanceType")} {Text(input, "Region")}".Trim();

            // An exported estimate says GpusPerInstance (its GpuCount is what was asked for); an offering says GpuCount.
            var countName = Has(input, "GpusPerInstance") ? "GpusPerInstance" : "GpuCount";
            var gpusPerInstance = GpuCostCalculator.GpusPerInstance(Number(input, countName), countName, target);
            WriteObject(GpuCostCalculator.Estimate(
                Text(input, "Provider"), Text(input, "InstanceType"), Text(input, "Region"), Text(input, "GpuModel"),
                Text(input, "PricingModel") is { Length: > 0 } model ? model : "OnDemand",
                Number(input, "HourlyPrice"),
                gpusPerInstance,
                GpuCostCalculator.Currency(Has(input, "Currency") ? Text(input, "Currency") : null, target),
                _gpuCount, _hours));
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, e.Target));
        }
    }
}
