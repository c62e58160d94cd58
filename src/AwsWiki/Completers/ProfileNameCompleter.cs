using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Completers;

/// <summary>Completes profile names from both the credentials and the config file.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            names = ProfileStore.FromEnvironment().ProfileNames();
        }
        catch (System.IO.IOException)
        {
            yield break;
        }

        foreach (var name in CompletionText.Matching(names, wordToComplete))
        {
            yield return new CompletionResult(CompletionText.Quote(name), name, CompletionResultType.ParameterValue, name);
        }
    }
}
