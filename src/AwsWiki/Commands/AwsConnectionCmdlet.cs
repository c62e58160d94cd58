using System.Management.Automation;
using System.Security;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;

namespace AwsWiki.Commands;

/// <summary>
/// The common AWS parameters except -Region, resolved in one place by <see cref="AwsContextResolver"/>.
/// Most cmdlets derive from <see cref="AwsCmdlet"/>, which adds a single -Region; a cmdlet whose
/// -Region means something else (several regions to query) derives from this one and passes the
/// region it wants to <see cref="ResolveContext"/>.
/// </summary>
public abstract class AwsConnectionCmdlet : CancellableCmdlet
{
    /// <summary>A profile in the shared credentials/config files. Overrides AWS_PROFILE.</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    [Parameter]
    public object? Credential { get; set; }

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

    /// <summary>
    /// How long one AWS request may take, its retries included, before the call fails with
    /// RequestTimedOut naming the endpoint. Ctrl+C still stops the call at once.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = RequestDeadline.DefaultSeconds;

    /// <summary>
    /// Resolves credentials, region and endpoints. A failure here is a terminating error: nothing
    /// can be called without them.
    /// </summary>
    /// <param name="region">The -Region value, if any; null falls back to the environment and profile.</param>
    /// <param name="requireRegion">When false and no region is configured, us-east-1 is used.</param>
    protected AwsContext ResolveContext(string? region, bool requireRegion = true)
    {
        var options = new AwsConnectionOptions
        {
            ProfileName = ProfileName,
            Region = region,
            Credential = Unwrap(Credential),
            EndpointUrl = EndpointUrl,
            AccessKey = AccessKey,
            SecretKey = SecretTransformationAttribute.Reveal(SecretKey),
            SessionToken = SecretTransformationAttribute.Reveal(SessionToken),
            StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
            StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion"))?.ToString(),
            TimeoutSec = TimeoutSec,
        };
        try
        {
            var context = AwsContextResolver.Resolve(options, requireRegion);
            WriteVerbose($"Using credentials from {context.CredentialSource}, region {context.RegionName}.");
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
