using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Gpu;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Profiles;

/// <summary>Removes profiles from both files (every section that names them); the AWS CLI has no command for this.</summary>
[Cmdlet(VerbsCommon.Remove, "AwsProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAwsProfileCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[] ProfileName { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var store = ProfileStore.FromEnvironment();
        ProfileFiles files;
        try
        {
            files = store.Load();
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, e.Target));
            return;
        }

        var targets = new List<string>();
        foreach (var name in ProfileName)
        {
            var text = name ?? string.Empty;
            try
            {
                var pattern = new GlobPattern(text, "-ProfileName");
                if (pattern.HasWildcard)
                {
                    targets.AddRange(files.Names.Where(pattern.IsMatch));
                    continue;
                }

                ProfileValidation.ValidateName(text);
                if (!files.Exists(text))
                {
                    throw Errors.ProfileNotFound.New(text, text);
                }

                targets.Add(text);
            }
            catch (AwsWikiException e)
            {
                WriteError(ErrorRecords.From(e, text));
            }
        }

        foreach (var name in targets.Distinct(StringComparer.Ordinal))
        {
            Remove(store, name);
        }
    }

    private void Remove(ProfileStore store, string name)
    {
        if (!ShouldProcess($"Profile '{name}' in {store.CredentialsPath} and {store.ConfigPath}", "Remove"))
        {
            return;
        }

        try
        {
            store.Remove(name);
            WriteVerbose($"Removed profile '{name}'.");
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, name));
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("AWS_PROFILE"), name, StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            WriteWarning($"'{name}' was the active profile; AWS_PROFILE has been cleared, so the default profile applies now.");
        }
    }
}
