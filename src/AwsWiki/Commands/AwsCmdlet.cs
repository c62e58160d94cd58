using System.Management.Automation;
using System.Security;
using Amazon.Runtime;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;

namespace AwsWiki.Commands;

/// <summary>
/// Base for every cmdlet that calls AWS: the common parameters as AWS Tools for PowerShell names
/// them, resolved once per call by <see cref="AwsContextResolver"/>.
/// </summary>
public abstract class AwsCmdlet : CancellableCmdlet
{
    private AwsContext? _context;

    /// <summary>A profile in the shared credentials/config files. Overrides AWS_PROFILE.</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>The region to call. Overrides AWS_REGION and AWS_DEFAULT_REGION.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter]
    public AWSCredentials? Credential { get; set; }

    /// <summary>An endpoint for every service this call uses, e.g. a local emulator. Overrides AWS_ENDPOINT_URL.</summary>
    [Parameter]
    public string? EndpointUrl { get; set; }

    [Parameter]
    public string? AccessKey { get; set; }

    [Parameter]
    [SecretTransformation]
    public SecureString? SecretKey { get; set; }

    [Parameter]
    [SecretTransformation]
    public SecureString? SessionToken { get; set; }

    /// <summary>The resolved credentials, region and endpoints; resolved on first use.</summary>
    protected AwsContext Context => _context ??= ResolveContext(requireRegion: true);

    protected AwsContext ResolveContext(bool requireRegion)
    {
        var options = new AwsConnectionOptions
        {
            ProfileName = ProfileName,
            Region = Region,
            Credential = Credential,
            EndpointUrl = EndpointUrl,
            AccessKey = AccessKey,
            SecretKey = SecretTransformationAttribute.Reveal(SecretKey),
            SessionToken = SecretTransformationAttribute.Reveal(SessionToken),
            StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
            StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion"))?.ToString(),
        };
        try
        {
            var context = AwsContextResolver.Resolve(options, requireRegion);
            WriteVerbose($"Using credentials from {context.CredentialSource}, region {context.Region.SystemName}.");
            return context;
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            throw; // not reached: ThrowFailure throws
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
