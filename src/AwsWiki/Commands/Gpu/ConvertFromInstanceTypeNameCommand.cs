using System.Management.Automation;
using AwsWiki.Commands.Internal;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>Decodes EC2 instance type names: category, generation, processor vendor, attribute letters, size.</summary>
[Cmdlet(VerbsData.ConvertFrom, "InstanceTypeName")]
[OutputType(typeof(InstanceTypeName))]
public sealed class ConvertFromInstanceTypeNameCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string[] InstanceType { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var name in InstanceType)
        {
            try
            {
                WriteObject(InstanceTypeNameParser.Parse(name));
            }
            catch (AwsWikiException e)
            {
                WriteError(ErrorRecords.From(e, name));
            }
        }
    }
}
