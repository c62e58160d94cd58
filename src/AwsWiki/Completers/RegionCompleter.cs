using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Aws;

namespace AwsWiki.Commands.Completers;

/// <summary>Completes region names from AWSSDK.Core's region list, with their display names as tooltips.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var regions = AwsRegionNames.All;
        foreach (var name in CompletionText.Matching(regions.Keys, wordToComplete))
        {
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, $"{name} ({regions[name]})");
        }
    }
}
