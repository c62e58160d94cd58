using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Threading;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Credentials;

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

    /// <summary>AWS credentials: AWS Tools' (SDK v3 or v4, or AWSPSCredentials) or AwsWiki's own; see CredentialObjects.</summary>
    [Parameter]
    [CredentialTransformation]
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

    /// <summary>The current code of the MFA device an assume-role profile names (mfa_serial), for scripts; else the host asks.</summary>
    [Parameter]
    [ValidatePattern(@"^\d{6}$")]
    public string? MfaTokenCode { get; set; }

    // One entry per profile this call resolved (cmdlets that fan out over profiles set ProfileName in turn).
    private readonly Dictionary<string, ResolvedCredentials> _credentials = new(StringComparer.Ordinal);

    /// <summary>
    /// How long one AWS request may take, its retries included, before the call fails with
    /// RequestTimedOut naming the endpoint. Ctrl+C still stops the call at once.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = RequestDeadline.DefaultSeconds;

    /// <summary>
    /// A role to assume with the resolved credentials before calling AWS: set by cmdlets whose piped
    /// objects name the role they were listed through (Get-AwsInstance's organization accounts).
    /// </summary>
    protected string? AssumeRoleArn { get; set; }

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
            // Once per call and profile, on the pipeline thread (where the host can ask for an MFA
            // code); every region and item of the call shares them.
            var key = ProfileName ?? string.Empty;
            if (!_credentials.TryGetValue(key, out var credentials))
            {
                var pipelineThread = Thread.CurrentThread.ManagedThreadId;
                options.MfaCode = new MfaCodeSource(MfaTokenCode,
                    (profile, serial) => Thread.CurrentThread.ManagedThreadId == pipelineThread ? PromptForMfaCode(profile, serial) : null);
                credentials = AwsContextResolver.ResolveCredentials(options);
                _credentials[key] = credentials;
            }

            var context = AwsContextResolver.Resolve(options, credentials, requireRegion);
            if (!string.IsNullOrEmpty(AssumeRoleArn))
            {
                var roleKey = key + "|" + AssumeRoleArn;
                if (!_credentials.TryGetValue(roleKey, out var role))
                {
                    role = AwsContextResolver.AssumeRole(context, AssumeRoleArn!, "AwsWiki-" + MyInvocation.MyCommand.Name);
                    _credentials[roleKey] = role;
                }

                context = AwsContextResolver.Resolve(options, role, requireRegion);
            }

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

    /// <summary>
    /// Asks the host for an MFA code. Null (so the call fails with a message naming -MfaTokenCode)
    /// off the pipeline thread, or where the host cannot ask (-NonInteractive, a remote job).
    /// </summary>
    private string? PromptForMfaCode(string profileName, string mfaSerial)
    {
        FlushReporter();
        var field = new FieldDescription("MfaTokenCode")
        {
            Label = "&Code",
            HelpMessage = "The 6-digit code your MFA device shows now.",
            IsMandatory = true,
        };
        try
        {
            var answers = Host.UI.Prompt($"MFA code for profile '{profileName}'", $"Enter the current code of {mfaSerial}.",
                new Collection<FieldDescription> { field });
            return answers is not null && answers.TryGetValue("MfaTokenCode", out var answer) ? answer?.BaseObject?.ToString() : null;
        }
        catch (Exception e) when (e is PSInvalidOperationException or NotImplementedException or HostException or InvalidOperationException)
        {
            return null;
        }
    }
}
