using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>
/// Walks an SDK paginator's responses under the call's time limit: each page request gets the
/// full -TimeoutSec (the deadline restarts after every page), and a page that does not come in
/// time ends the walk with RequestTimedOut naming the endpoint. Ctrl+C cancels it as before.
/// </summary>
public static class AwsPaging
{
    public static async IAsyncEnumerable<TResponse> PagesAsync<TResponse>(AwsContext context, AwsService service,
        IPaginatedEnumerable<TResponse> pages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = context.StartDeadline(service, cancellationToken);
        var enumerator = pages.GetAsyncEnumerator(deadline.Token);
        try
        {
            while (true)
            {
                TResponse page;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    page = enumerator.Current;
                }
                catch (Exception e) when (deadline.Explains(e))
                {
                    throw deadline.TimedOut(RequestDeadline.NameOf(service), e);
                }

                yield return page;
                deadline.Restart();
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
