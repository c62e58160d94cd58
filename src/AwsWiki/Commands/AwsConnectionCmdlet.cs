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
/// The common AWS parameters except -ProfileName and -Region, resolved in one place by
/// <see cref="AwsContextResolver"/>. Most cmdlets derive from <see cref="AwsCmdlet"/> (one profile,
/// one region) or <see cref="AwsProfileCmdlet"/> (one profile, their own -Region); a cmdlet whose
/// -ProfileName means something else (several profiles, or bound from the pipeline) derives from
/// this one and passes each profile to <see cref="ResolveProfiles"/>.
/// </summary>
public abstract class AwsConnectionCmdlet : AwsRequestCmdlet
{
    /// <summary>
    /// The profile the next resolution uses (null: AWS_PROFILE, AWS Tools' defaults, the SDK chain).
    /// Cmdlets declare their own -ProfileName: one name (<see cref="AwsProfileCmdlet"/>), several,
    /// or one bound from piped objects, and set this in turn.
    /// </summary>
    protected string? SelectedProfile { get; set; }

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
    private readonly Dictionary<string, AwsContext> _roles = new(StringComparer.Ordinal);


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
        try
        {
            return TryResolveContext(region, requireRegion);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            throw; // not reached: ThrowFailure throws
        }
    }

    /// <summary>
    /// One context per profile for a call over several: a profile whose credentials cannot be had
    /// (a failing credential_process, an expired SSO token, no MFA code, a refused AssumeRole) is
    /// one error naming it, and the others go on.
    /// </summary>
    protected List<(string? ProfileName, AwsContext Context)> ResolveProfiles(IEnumerable<string?> profileNames, string? region, bool requireRegion = true)
    {
        var resolved = new List<(string?, AwsContext)>();
        var saved = SelectedProfile;
        try
        {
            foreach (var name in profileNames)
            {
                SelectedProfile = name;
                try
                {
                    var context = TryResolveContext(region, requireRegion);
                    resolved.Add((name ?? context.ProfileName, context));
                }
                catch (AwsWikiException e)
                {
                    var scope = new FanOutScope(name, null, region);
                    WriteFailure(FanOut.Isolate(scope, e), scope);
                }
            }
        }
        finally
        {
            SelectedProfile = saved;
        }

        return resolved;
    }

    /// <summary>As <see cref="ResolveContext"/>, throwing the AwsWikiException instead of a terminating error.</summary>
    protected AwsContext TryResolveContext(string? region, bool requireRegion = true)
    {
        var options = new AwsConnectionOptions
        {
            ProfileName = SelectedProfile,
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

        // Once per call and profile, on the pipeline thread (where the host can ask for an MFA
        // code), under -TimeoutSec and Ctrl+C; every region and item of the call shares them.
        var key = SelectedProfile ?? string.Empty;
        if (!_credentials.TryGetValue(key, out var credentials))
        {
            var pipelineThread = Thread.CurrentThread.ManagedThreadId;
            options.MfaCode = new MfaCodeSource(MfaTokenCode,
                (profile, serial) => Thread.CurrentThread.ManagedThreadId == pipelineThread ? PromptForMfaCode(profile, serial) : null);
            credentials = AwsContextResolver.ResolveCredentials(options, cancellationToken: CancelToken);
            _credentials[key] = credentials;
        }

        var context = AwsContextResolver.Resolve(options, credentials, requireRegion);
        if (!string.IsNullOrEmpty(AssumeRoleArn))
        {
            var roleKey = key + "|" + AssumeRoleArn;
            if (!_roles.TryGetValue(roleKey, out var role))
            {
                role = Await(StsApi.AssumeRoleContextAsync(context, AssumeRoleArn!, "AwsWiki-" + MyInvocation.MyCommand.Name, CancelToken));
                _roles[roleKey] = role;
            }

            context = role.ForRegion(context.RegionName);
        }

        WriteVerbose($"Using credentials from {context.CredentialSource}, region {context.RegionName}.");
        return context;
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
