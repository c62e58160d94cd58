using System;
using System.Management.Automation;
using AwsWiki.Profiles;
using AwsWiki.Sso;
using SsoSessionConfig = AwsWiki.Sso.SsoSession;

namespace AwsWiki.Commands.Sso;

/// <summary>
/// Signs out of IAM Identity Center as 'aws sso logout' does: the portal's Logout, then the cached
/// token removed. Without -SsoSession, every cached sign-in.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "AwsSso", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class DisconnectAwsSsoCommand : AwsRequestCmdlet
{
    [Parameter(Position = 0)]
    public string? SsoSession { get; set; }

    protected override void EndProcessing()
    {
        var cache = new SsoTokenCache();
        try
        {
            if (SsoSession is not null)
            {
                var session = SsoSessionConfig.FromSection(ProfileStore.FromEnvironment().Load(), SsoSession);
                var path = cache.TokenPath(session);
                if (ShouldProcess($"IAM Identity Center session {session.DisplayName} ({path})", "Sign out and remove the cached token") &&
                    !Await(SsoSignOut.SignOutAsync(path, cache.ReadToken(session), RequestTimeout, Reporter, CancelToken)))
                {
                    WriteVerbose($"There was no cached sign-in for {session.DisplayName}.");
                }

                return;
            }

            foreach (var (path, token) in cache.AllTokens())
            {
                if (ShouldProcess($"IAM Identity Center sign-in to {token.StartUrl} ({path})", "Sign out and remove the cached token"))
                {
                    Await(SsoSignOut.SignOutAsync(path, token, RequestTimeout, Reporter, CancelToken));
                }
            }
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, SsoSession);
        }
    }
}
