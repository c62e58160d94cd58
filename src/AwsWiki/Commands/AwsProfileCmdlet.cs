using System.Management.Automation;
using AwsWiki.Commands.Completers;

namespace AwsWiki.Commands;

/// <summary>Base for cmdlets that call AWS with one profile: -ProfileName as AWS Tools names it.</summary>
public abstract class AwsProfileCmdlet : AwsConnectionCmdlet
{
    /// <summary>A profile in the shared credentials/config files. Overrides AWS_PROFILE.</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName
    {
        get => SelectedProfile;
        set => SelectedProfile = value;
    }
}
