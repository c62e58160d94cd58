using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>
/// The one paging loop of the hand-written clients (the SDK clients use the SDK's paginators):
/// asks for pages until the service returns no next token (an empty token ends it too, as some
/// services and emulators send "" on the last page).
/// </summary>
internal static class TokenPaging
{
    /// <param name="page">Fetches the page for a token (null for the first) and returns the next token.</param>
    public static async Task AllPagesAsync(Func<string?, Task<string?>> page, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = await page(token).ConfigureAwait(false);
            if (next is not null && next == token)
            {
                // A service that hands back the token it was given would loop for ever.
                break;
            }

            token = string.IsNullOrEmpty(next) ? null : next;
        }
        while (token is not null);
    }
}
