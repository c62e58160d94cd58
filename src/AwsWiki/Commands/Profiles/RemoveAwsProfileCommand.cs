using System;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Profiles;

/// <summary>Removes a profile from both files; the AWS CLI has no command for this.</summary>
[Cmdlet(VerbsCommon.Remove, "AwsProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAwsProfileCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string ProfileName { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        var store = ProfileStore.FromEnvironment();
        try
        {
            ProfileValidation.ValidateName(ProfileName);
            if (!store.Exists(ProfileName))
            {
                throw new AwsWikiException("ProfileNotFound", FailureKind.ObjectNotFound, ProfileName,
                    $"Profile '{ProfileName}' exists in neither '{store.CredentialsPath}' nor '{store.ConfigPath}'.");
            }

            if (!ShouldProcess($"Profile '{ProfileName}' in {store.CredentialsPath} and {store.ConfigPath}", "Remove"))
            {
                return;
            }

            store.Remove(ProfileName);
            WriteVerbose($"Removed profile '{ProfileName}'.");
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, ProfileName));
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("AWS_PROFILE"), ProfileName, StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            WriteWarning($"'{ProfileName}' was the active profile; AWS_PROFILE has been cleared, so the default profile applies now.");
        }
    }
}
