using System;
using System.Management.Automation;
using AwsWiki.Commands.Internal;
using static AwsWiki.Commands.Internal.PipelineInput;
using AwsWiki.Gpu;
using AwsWiki.Instances.Offerings;

namespace AwsWiki.Commands.Instances;

/// <summary>
/// Cost of running -Count instances of each piped offering or listed instance for a period. Reads
/// the input by property name (InstanceType, Region, PricingModel, HourlyPrice, Currency, and
/// InstanceId, AccountId, Count, UnpricedReason where present; hashtables by key), so Get-InstanceOffering and
/// Get-AwsInstance output, Import-Csv rows of either or of earlier estimates all work.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "InstanceCost", DefaultParameterSetName = "Months")]
[OutputType(typeof(InstanceCostEstimate))]
public sealed class MeasureInstanceCostCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Instances of each input (1: each listed instance once).</summary>
    [Parameter]
    public int Count { get; set; } = 1;

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
            InstanceCostCalculator.ValidateCount(Count);
            var amount = ParameterSetName switch { "Days" => Days, "Hours" => Hours, "Years" => Years, _ => Months };
            _hours = InstanceCostCalculator.ToHours(amount, ParameterSetName);
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
            // An exported estimate carries its own Count; -Count given on this call wins.
            var count = !MyInvocation.BoundParameters.ContainsKey(nameof(Count)) && Number(InputObject, "Count") is { } previous ? (int)Math.Round(previous) : Count;
            WriteObject(InstanceCostCalculator.Estimate(
                Text(InputObject, "InstanceType"), Text(InputObject, "Region"), Text(InputObject, "InstanceId"), Text(InputObject, "AccountId"),
                Text(InputObject, "PricingModel") is { Length: > 0 } model ? model : "OnDemand",
                Number(InputObject, "HourlyPrice"),
                // An unpriced instance has no Currency: its InstanceUnpriced error says why, not the empty currency.
                Text(InputObject, "Currency") is { Length: > 0 } currency ? GpuCostCalculator.Currency(currency, Text(InputObject, "InstanceType")) : "USD",
                count, _hours, Text(InputObject, "UnpricedReason")));
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, e.Target));
        }
    }
}
