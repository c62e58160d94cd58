using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Profiles;

/// <summary>
/// Writes a named profile where the AWS CLI keeps it and makes it the session's active profile
/// (AWS_PROFILE). Without settings it only switches; with -SsoSession alone it writes [sso-session NAME].
/// </summary>
[Cmdlet(VerbsCommon.Set, "AwsProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AwsProfile))]
public sealed class SetAwsProfileCommand : PSCmdlet
{
    private const string SsoSessionOnlySet = "SsoSessionOnly";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Profile")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string ProfileName { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AccessKeyId")]
    public string? AccessKey { get; set; }

    [Parameter]
    [Alias("SecretAccessKey")]
    [SecretTransformation]
    public SecureString? SecretKey { get; set; }

    [Parameter]
    [SecretTransformation]
    public SecureString? SessionToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("json", "text", "table", "yaml", "yaml-stream")]
    public string? Output { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? SourceProfile { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MfaSerial { get; set; }

    [Parameter]
    public string? ExternalId { get; set; }

    [Parameter]
    public string? RoleSessionName { get; set; }

    [Parameter]
    [ValidateRange(900, 43200)]
    public int? DurationSeconds { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = "Profile")]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SsoSessionOnlySet)]
    public string? SsoSession { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SsoStartUrl { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? SsoRegion { get; set; }

    [Parameter]
    public string[]? SsoRegistrationScopes { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SsoAccountId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SsoRoleName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? CredentialProcess { get; set; }

    /// <summary>Write the settings but leave the session's active profile as it is.</summary>
    [Parameter]
    public SwitchParameter NoActivate { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = ProfileStore.FromEnvironment();
        var settings = new ProfileSettings
        {
            AccessKeyId = AccessKey,
            SecretAccessKey = SecretTransformationAttribute.Reveal(SecretKey),
            SessionToken = SecretTransformationAttribute.Reveal(SessionToken),
            Region = Region,
            Output = Output,
            RoleArn = RoleArn,
            SourceProfile = SourceProfile,
            MfaSerial = MfaSerial,
            ExternalId = ExternalId,
            RoleSessionName = RoleSessionName,
            DurationSeconds = DurationSeconds,
            SsoSession = SsoSession,
            SsoStartUrl = SsoStartUrl,
            SsoRegion = SsoRegion,
            SsoRegistrationScopes = SsoRegistrationScopes is null ? null : string.Join(",", SsoRegistrationScopes),
            SsoAccountId = SsoAccountId,
            SsoRoleName = SsoRoleName,
            CredentialProcess = CredentialProcess,
        };

        if (ParameterSetName == SsoSessionOnlySet)
        {
            WriteSsoSession(store, settings);
            return;
        }

        try
        {
            var files = store.Load();
            foreach (var warning in ProfileStore.ParseWarnings(files))
            {
                WriteWarning(warning);
            }

            if (settings.IsEmpty)
            {
                ProfileValidation.ValidateName(ProfileName);
                if (!files.Exists(ProfileName))
                {
                    throw Errors.ProfileNotFound.New(ProfileName, ProfileName);
                }
            }
            else
            {
                // A file the AWS CLI cannot parse is not written to: the change could land where the CLI never reads.
                ProfileStore.EnsureWritable(files);
                foreach (var warning in ProfileValidation.Validate(ProfileName, settings, files.Exists))
                {
                    WriteWarning(warning);
                }

                WriteSettings(store, settings);
            }
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, ProfileName));
            return;
        }

        if (!NoActivate)
        {
            Activate(store);
        }

        if (PassThru && store.GetProfile(ProfileName) is { } profile)
        {
            WriteObject(profile);
        }
    }

    private void WriteSettings(ProfileStore store, ProfileSettings settings)
    {
        var assignments = settings.Assignments().ToList();
        var credentialKeys = assignments.Where(a => a.Location == SettingLocation.Credentials).Select(a => a.Key).ToList();
        var configKeys = assignments.Where(a => a.Location != SettingLocation.Credentials).Select(a => a.Key).ToList();
        var files = string.Join(" and ", new[]
        {
            credentialKeys.Count > 0 ? store.CredentialsPath : null,
            configKeys.Count > 0 ? store.ConfigPath : null,
        }.Where(f => f is not null));

        // Names of the keys only: values may be secrets.
        var action = "Set " + string.Join(", ", credentialKeys.Concat(configKeys));
        if (!ShouldProcess($"Profile '{ProfileName}' in {files}", action))
        {
            return;
        }

        store.Set(ProfileName, settings);
        WriteVerbose($"Profile '{ProfileName}': wrote {string.Join(", ", credentialKeys.Concat(configKeys))} to {files}.");
    }

    /// <summary>Only the [sso-session NAME] section: what Connect-AwsSso and Sync-AwsSsoProfile start from.</summary>
    private void WriteSsoSession(ProfileStore store, ProfileSettings settings)
    {
        try
        {
            var keys = ProfileStore.SsoSessionKeys(settings);
            if (ShouldProcess($"[sso-session {SsoSession}] in {store.ConfigPath}", "Set " + string.Join(", ", keys)))
            {
                store.SetSsoSession(SsoSession!, settings);
            }
        }
        catch (AwsWikiException e)
        {
            WriteError(ErrorRecords.From(e, SsoSession));
        }
    }

    private void Activate(ProfileStore store)
    {
        if (!ShouldProcess("Current session", $"Switch the active AWS profile (AWS_PROFILE) to '{ProfileName}'"))
        {
            return;
        }

        Environment.SetEnvironmentVariable("AWS_PROFILE", ProfileName);
        WriteVerbose($"AWS_PROFILE is now '{ProfileName}'.");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
        {
            WriteWarning("AWS_ACCESS_KEY_ID is set in this session; the AWS CLI and SDKs use those keys before AWS_PROFILE. " +
                "Remove it (Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY) for the switch to take effect there.");
        }

        SetAwsToolsDefault(store);
    }

    /// <summary>AWS Tools for PowerShell ignores AWS_PROFILE; when it is loaded, point its session default at the profile too.</summary>
    private void SetAwsToolsDefault(ProfileStore store)
    {
        var awsTools = InvokeCommand.InvokeScript("Get-Module -Name AWS.Tools.Common, AWSPowerShell.NetCore, AWSPowerShell");
        if (awsTools.Count == 0)
        {
            return;
        }

        InvokeCommand.InvokeScript("Set-AWSCredential -ProfileName $args[0] -Scope Global", ProfileName);
        var region = store.GetProfile(ProfileName)?.Region;
        if (!string.IsNullOrEmpty(region))
        {
            InvokeCommand.InvokeScript("Set-DefaultAWSRegion -Region $args[0] -Scope Global", region);
        }

        WriteVerbose($"AWS Tools for PowerShell session default set to profile '{ProfileName}'.");
    }
}
