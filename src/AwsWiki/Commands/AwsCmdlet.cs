using System.Management.Automation;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;

namespace AwsWiki.Commands;

/// <summary>Base for cmdlets that call AWS in one region: the common parameters with a single -Region.</summary>
public abstract class AwsCmdlet : AwsProfileCmdlet
{
    private AwsContext? _context;

    /// <summary>The region to call. Overrides AWS_REGION and AWS_DEFAULT_REGION.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The resolved credentials, region and endpoints; resolved on first use.</summary>
    protected AwsContext Context => _context ??= ResolveContext(Region);
}
