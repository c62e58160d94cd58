using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// Completes Get-GpuInstanceOffering's -Region (both providers' names), -GpuModel (the catalog's
/// models) and -Currency (common ISO 4217 codes). -Provider, -PricingModel and -Source are enums,
/// which PowerShell completes itself.
/// </summary>
public sealed class GpuArgumentCompleter : IArgumentCompleter
{
    /// <summary>Currencies a GPU budget is commonly kept in; any three-letter code is accepted.</summary>
    private static readonly string[] Currencies =
    {
        "USD", "EUR", "GBP", "JPY", "KRW", "CNY", "INR", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK", "BRL", "SGD", "HKD", "TWD", "NZD", "ZAR", "MXN",
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> values = parameterName switch
        {
            "Region" => KnownRegions.Aws.Concat(KnownRegions.Azure),
            "GpuModel" => GpuCatalog.Entries.Select(e => e.GpuModel).Distinct(System.StringComparer.Ordinal),
            "Currency" => Currencies,
            _ => Enumerable.Empty<string>(),
        };
        foreach (var value in CompletionText.Matching(values, wordToComplete))
        {
            yield return new CompletionResult(CompletionText.Quote(value), value, CompletionResultType.ParameterValue, value);
        }
    }
}
