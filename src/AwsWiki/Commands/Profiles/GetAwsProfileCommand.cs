using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Profiles;

/// <summary>Lists the named profiles of the credentials and config files, merged, without secrets.</summary>
[Cmdlet(VerbsCommon.Get, "AwsProfile")]
[OutputType(typeof(AwsProfile))]
public sealed class GetAwsProfileCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? ProfileName { get; set; }

    protected override void ProcessRecord()
    {
        var store = ProfileStore.FromEnvironment();
        foreach (var warning in store.ParseWarnings())
        {
            WriteWarning(warning);
        }

        var profiles = store.GetProfiles();
        if (ProfileName is null || ProfileName.Length == 0)
        {
            WriteObject(profiles, enumerateCollection: true);
            return;
        }

        foreach (var name in ProfileName)
        {
            var pattern = new WildcardPattern(name ?? string.Empty, WildcardOptions.IgnoreCase);
            var matches = profiles.Where(p => pattern.IsMatch(p.ProfileName)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(ErrorRecords.Create("ProfileNotFound", ErrorCategory.ObjectNotFound, name,
                    $"Profile '{name}' exists in neither '{store.CredentialsPath}' nor '{store.ConfigPath}'."));
                continue;
            }

            WriteObject(matches, enumerateCollection: true);
        }
    }
}
