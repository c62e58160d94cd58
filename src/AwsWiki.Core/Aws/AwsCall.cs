using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>
/// The one call path every AWS request takes, SDK or hand-written: the deadline (-TimeoutSec, its
/// retries included; a page of a paged walk gets the full limit), the caller's cancellation
/// (Ctrl+C), and the one error mapping (<see cref="AwsErrorMapper"/>). Retries happen inside, by
/// the one retry policy (<see cref="AwsRetrySettings"/>) that the client factory gives every client.
/// What comes out is the result, an <see cref="AwsWikiException"/>, or an OperationCanceledException
/// when, and only when, the caller cancelled.
/// </summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(AwsContext context, AwsService service, string operation,
        Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken, object? target = null, string? endpointName = null)
    {
        var endpoint = endpointName ?? context.EndpointNameFor(service);
        using var deadline = new RequestDeadline(context.Timeout, endpoint, cancellationToken);
        try
        {
            return await request(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline.Explains(e))
        {
            throw deadline.TimedOut(RequestDeadline.NameOf(service) + " " + operation, e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw AwsErrorMapper.Map(e, service, operation, endpoint, target);
        }
    }

    public static Task RunAsync(AwsContext context, AwsService service, string operation, Func<CancellationToken, Task> request,
        CancellationToken cancellationToken, object? target = null) =>
        RunAsync(context, service, operation, async token =>
        {
            await request(token).ConfigureAwait(false);
            return true;
        }, cancellationToken, target);

    /// <summary>An SDK paginator's pages, each page's request under the full time limit.</summary>
    public static async IAsyncEnumerable<TPage> PagesAsync<TPage>(AwsContext context, AwsService service, string operation,
        IPaginatedEnumerable<TPage> pages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var endpoint = context.EndpointNameFor(service);
        using var deadline = new RequestDeadline(context.Timeout, endpoint, cancellationToken);
        var enumerator = pages.GetAsyncEnumerator(deadline.Token);
        try
        {
            while (true)
            {
                TPage page;
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
                    throw deadline.TimedOut(RequestDeadline.NameOf(service) + " " + operation, e);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
                {
                    throw AwsErrorMapper.Map(e, service, operation, endpoint);
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
