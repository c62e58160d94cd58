using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Removes an essentials State Manager association (DeleteAssociation). What the association already
/// installed stays on the instances; new instances no longer get the essentials.
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "AmazonLinuxEssentials", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByTagSet)]
[OutputType(typeof(void))]
public sealed class UnregisterAmazonLinuxEssentialsCommand : AwsCmdlet
{
    private const string ByTagSet = "ByTag";
    private const string ByResourceGroupSet = "ByResourceGroup";
    private const string ByNameSet = "ByName";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByTagSet)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = ByTagSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByResourceGroupSet)]
    public string? ResourceGroupName { get; set; }

    /// <summary>The association's name, e.g. from Get-AmazonLinuxEssentialsAssociation through the pipeline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    public string? AssociationName { get; set; }

    private readonly List<string> _names = new();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByNameSet && !string.IsNullOrEmpty(AssociationName))
        {
            _names.Add(AssociationName!);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            if (ParameterSetName != ByNameSet)
            {
                _names.Add(EssentialsAssociationSpec.NameFor(FleetTargets.From(EssentialsInput.ParseTags(Tag), ResourceGroupName)));
            }
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var region = Context.RegionName;
        using var client = new SsmAssociationClient(Context);
        foreach (var name in _names.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var current = Await(client.FindAsync(name, CancelToken));
                if (current is null || current.DocumentName != EssentialsDocument.DefaultName)
                {
                    WriteFailure(Errors.AssociationNotFound.New(name, name, region), name);
                    continue;
                }

                if (ShouldProcess($"State Manager association {name} ({current.AssociationId}) on {FleetTargets.Describe(current.Targets)} in {region}",
                        "Remove: new instances will no longer get the essentials (installed packages stay)"))
                {
                    Await(client.DeleteAsync(current.AssociationId, CancelToken));
                    WriteVerbose($"Removed association {name} ({current.AssociationId}).");
                }
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteFailure(e, name);
            }
        }
    }
}
