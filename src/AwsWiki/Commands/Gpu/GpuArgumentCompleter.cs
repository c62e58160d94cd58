using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>Completes Get-GpuInstanceOffering's -Provider, -PricingModel, -Source and -Region (both providers' names).</summary>
public sealed class GpuArgumentCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> values = parameterName switch
        {
            "Provider" => new[] { "AWS", "Azure" },
            "PricingModel" => new[] { "OnDemand", "Spot", "Reserved1Yr", "Reserved3Yr" },
            "Source" => new[] { "Catalog", "Live" },
            "Region" => KnownRegions.Aws.Concat(KnownRegions.Azure),
            _ => Enumerable.Empty<string>(),
        };
        foreach (var value in CompletionText.Matching(values, wordToComplete))
        {
            yield return new CompletionResult(value, value, CompletionResultType.ParameterValue, value);
        }
    }
}
