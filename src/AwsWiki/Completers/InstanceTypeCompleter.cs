using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Completers;

/// <summary>
/// Completes -InstanceType: every EC2 type of the all-type catalog for Get-InstanceOffering and
/// Get-AwsInstance; from the embedded GPU catalog, AWS types for Find-GpuCapacity and the
/// providers in -Provider (both when unset) for the other GPU cmdlets.
/// </summary>
public sealed class InstanceTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (commandName.Equals("Get-InstanceOffering", StringComparison.OrdinalIgnoreCase) || commandName.Equals("Get-AwsInstance", StringComparison.OrdinalIgnoreCase))
        {
            // Every EC2 type the all-type catalog knows.
            foreach (var type in CompletionText.Matching(global::AwsWiki.Instances.Offerings.InstanceCatalog.Types.Keys, wordToComplete))
            {
                yield return new CompletionResult(type, type, CompletionResultType.ParameterValue, type);
            }

            yield break;
        }

        var providers = commandName.Equals("Find-GpuCapacity", StringComparison.OrdinalIgnoreCase)
            ? new[] { GpuOfferingRequest.Aws }
            : fakeBoundParameters["Provider"] is { } bound
                ? LanguagePrimitives.ConvertTo<string[]>(bound)
                : new[] { GpuOfferingRequest.Aws, GpuOfferingRequest.Azure };
        var names = GpuCatalog.Entries
            .Where(e => providers.Contains(e.Provider, StringComparer.OrdinalIgnoreCase))
            .Select(e => e.InstanceType)
            .Distinct(StringComparer.Ordinal);
        foreach (var name in CompletionText.Matching(names, wordToComplete))
        {
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
        }
    }
}
