using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Essentials;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Essentials;

/// <summary>
/// Lists the State Manager associations that run the module's essentials document, with SSM's
/// status counts; -InstanceStatus lists each instance's latest run instead.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AmazonLinuxEssentialsAssociation", DefaultParameterSetName = AllSet)]
[OutputType(typeof(AmazonLinuxEssentialsAssociation))]
[OutputType(typeof(AmazonLinuxEssentialsAssociationInstance))]
public sealed class GetAmazonLinuxEssentialsAssociationCommand : AwsCmdlet
{
    private const string AllSet = "All";
    private const string ByTagSet = "ByTag";
    private const string ByResourceGroupSet = "ByResourceGroup";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByTagSet)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = ByTagSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByResourceGroupSet)]
    public string? ResourceGroupName { get; set; }

    /// <summary>Association names, wildcards allowed.</summary>
    [Parameter(ParameterSetName = AllSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? AssociationName { get; set; }

    [Parameter]
    public SwitchParameter InstanceStatus { get; set; }

    private readonly List<string> _names = new();

    protected override void ProcessRecord()
    {
        _names.AddRange(AssociationName ?? Array.Empty<string>());
    }

    protected override void EndProcessing()
    {
        List<WildcardPattern> patterns;
        try
        {
            GlobPattern.Validate(_names, "-AssociationName");
            patterns = ParameterSetName == AllSet
                ? _names.Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase)).ToList()
                : new List<WildcardPattern> { new(WildcardPattern.Escape(EssentialsAssociationSpec.NameFor(FleetTargets.From(EssentialsInput.ParseTags(Tag), ResourceGroupName)))) };
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var region = Context.RegionName;
        try
        {
            using var client = new SsmAssociationClient(Context);
            var found = Await(client.ListAsync(EssentialsDocument.DefaultName, CancelToken))
                .Where(record => patterns.Count == 0 || patterns.Any(pattern => pattern.IsMatch(record.AssociationName))).ToList();
            if (found.Count == 0 && (ParameterSetName != AllSet || _names.Any(name => !WildcardPattern.ContainsWildcardCharacters(name))))
            {
                var wanted = ParameterSetName == AllSet ? string.Join(", ", _names) : FleetTargets.Describe(FleetTargets.From(EssentialsInput.ParseTags(Tag), ResourceGroupName));
                WriteFailure(Errors.AssociationNotFound.New(wanted, wanted, region), wanted);
                return;
            }

            foreach (var record in found)
            {
                if (!InstanceStatus)
                {
                    WriteObject(AmazonLinuxEssentialsAssociation.From(record, string.Empty, region, ProfileName));
                    continue;
                }

                foreach (var status in Await(client.ListInstanceStatusAsync(record.AssociationId, CancelToken)))
                {
                    WriteObject(AmazonLinuxEssentialsAssociationInstance.From(record, status, region));
                }
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFailure(e, EssentialsDocument.DefaultName);
        }
    }
}
