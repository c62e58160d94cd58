using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.InteropServices;
using AwsWiki.Commands.Completers;
using AwsWiki.Profiles;
using AwsWiki.Sso;
using SsoSessionConfig = AwsWiki.Sso.SsoSession;

namespace AwsWiki.Commands.Sso;

/// <summary>
/// Signs in to IAM Identity Center as 'aws sso login' does, and caches the token where the AWS CLI
/// and every SDK read it. The refresh token is tried first; otherwise the user confirms a code in
/// the browser while this waits (Ctrl+C stops it).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "AwsSso", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(SsoSignInResult))]
public sealed class ConnectAwsSsoCommand : AwsRequestCmdlet
{
    private const string SessionSet = "SsoSession";
    private const string ProfileSet = "ProfileName";
    private const int ActivityId = 0x550;

    [Parameter(Position = 0, ParameterSetName = SessionSet)]
    public string? SsoSession { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string ProfileName { get; set; } = string.Empty;

    /// <summary>Only show the URL and code; never open a browser.</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var session = SsoSessionConfig.Resolve(ProfileStore.FromEnvironment().Load(), SsoSession, ParameterSetName == ProfileSet ? ProfileName : null);
            var signIn = new SsoSignIn(session, new SsoTokenCache(), RequestTimeout);
            var result = Await(signIn.TryRefreshAsync(Reporter, CancelToken));
            if (result is null)
            {
                var authorization = Await(signIn.StartAsync(Reporter, CancelToken));
                Show(session, authorization);
                result = Await(signIn.CompleteAsync(authorization, Reporter, ActivityId, CancelToken));
            }

            WriteObject(result);
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, SsoSession ?? ProfileName);
        }
    }

    /// <summary>The URL and code on the host, as an information record (tag SsoDeviceAuthorization) too, and the browser where there is a desktop.</summary>
    private void Show(SsoSessionConfig session, SsoDeviceAuthorization authorization)
    {
        FlushReporter();
        var text = $"To sign in to {session.DisplayName}, open {authorization.VerificationUri} and confirm the code {authorization.UserCode}" +
                   $" (or open {authorization.VerificationUriComplete}). The code expires at {authorization.ExpiresAtUtc.ToLocalTime():t}.";
        WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
        WriteInformation(authorization, new[] { "SsoDeviceAuthorization" });
        if (!NoBrowser && HasDesktop())
        {
            OpenBrowser(authorization.VerificationUriComplete);
        }
    }

    private static bool HasDesktop() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    private void OpenBrowser(string url)
    {
        try
        {
            var info = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new ProcessStartInfo(url) { UseShellExecute = true }
                : new ProcessStartInfo(RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open", url) { UseShellExecute = false };
            using var process = Process.Start(info);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            WriteVerbose($"No browser could be opened ({e.Message}); open the URL yourself.");
        }
    }
}
