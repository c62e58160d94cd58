using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu.Topology;

namespace AwsWiki.Commands.Gpu;

/// <summary>Completes Get-GpuTopology's -InstanceType with the NVLink types of the expectation table.</summary>
public sealed class GpuTopologyInstanceTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var value in CompletionText.Matching(GpuTopologyExpectations.NvLinkInstanceTypes, wordToComplete))
        {
            yield return new CompletionResult(value, value, CompletionResultType.ParameterValue, value);
        }
    }
}
