using System.Management.Automation;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

/// <summary>The essentials script with the chosen packages, for review or as EC2 user data.</summary>
[Cmdlet(VerbsCommon.Get, "AmazonLinuxEssentialsScript")]
[OutputType(typeof(string))]
public sealed class GetAmazonLinuxEssentialsScriptCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    public string[]? Package { get; set; }

    [Parameter]
    public SwitchParameter ExcludeDocker { get; set; }

    [Parameter]
    public SwitchParameter AsUserData { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var script = EssentialsScript.Create(Package, includeDocker: !ExcludeDocker);
            WriteObject(AsUserData ? script.ToUserData() : script.Text);
        }
        catch (AwsWikiException e)
        {
            ThrowTerminatingError(Internal.ErrorRecords.From(e, e.Target));
        }
    }
}
