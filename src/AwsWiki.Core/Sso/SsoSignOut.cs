using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SSO.Model;
using AwsWiki.Aws;

namespace AwsWiki.Sso;

/// <summary>
/// Disconnect-AwsSso's work, as 'aws sso logout': the portal's Logout for a token that is still
/// valid (the session ends on the server too), then the cached token file removed. A Logout the
/// portal refuses (token already revoked) or cannot answer still removes the file, with a warning.
/// </summary>
internal static class SsoSignOut
{
    /// <summary>Signs out of one token file; returns false when there was nothing to remove.</summary>
    public static async Task<bool> SignOutAsync(string tokenPath, SsoToken? token, TimeSpan? timeout, IActivityReporter reporter,
        CancellationToken cancellationToken)
    {
        if (token is not null && token.IsValid(DateTime.UtcNow) && token.Region.Length > 0)
        {
            var session = new SsoSession(null, token.StartUrl, token.Region, Array.Empty<string>());
            using var client = AwsClientFactory.Sso(SsoSignIn.ContextFor(session, timeout));
            try
            {
                await client.CallAsync("Logout", (c, ct) => c.LogoutAsync(new LogoutRequest { AccessToken = token.AccessToken }, ct),
                    cancellationToken, token.StartUrl).ConfigureAwait(false);
                reporter.Verbose($"Signed out of {token.StartUrl} at IAM Identity Center.");
            }
            catch (AwsWikiException e)
            {
                reporter.Warning($"IAM Identity Center did not confirm the sign-out of {token.StartUrl} ({e.ErrorId}); the cached token is removed anyway.");
            }
        }

        if (!File.Exists(tokenPath))
        {
            return false;
        }

        File.Delete(tokenPath);
        return true;
    }
}
