using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Aws;

/// <summary>
/// The time limit of one request to a service, its retries included (-TimeoutSec). Its token
/// ends when the limit passes or when the caller cancels (Ctrl+C); a failure caused by the limit
/// becomes a RequestTimedOut error that says how long it waited and for which endpoint. A paging
/// loop calls <see cref="Restart"/> after each page, so the limit applies to each request.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    public const int DefaultSeconds = 60;

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;

    public RequestDeadline(TimeSpan limit, string endpoint, CancellationToken cancellationToken)
    {
        Limit = limit;
        Endpoint = endpoint;
        _caller = cancellationToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _source.CancelAfter(limit);
    }

    public static TimeSpan DefaultLimit { get; } = TimeSpan.FromSeconds(DefaultSeconds);

    public TimeSpan Limit { get; }

    public string Endpoint { get; }

    /// <summary>Pass this to the request: it ends at the limit or on the caller's cancellation.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True when the limit passed (not when the caller cancelled).</summary>
    public bool HasExpired => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Starts the limit again for the next request (the next page).</summary>
    public void Restart()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(Limit);
        }
    }

    /// <summary>
    /// True when <paramref name="failure"/> is this deadline's doing, or an HTTP-level timeout
    /// (the SDK's own per-attempt Timeout) while the caller had not cancelled.
    /// </summary>
    public bool Explains(Exception failure) => !_caller.IsCancellationRequested && (HasExpired || IsTimeout(failure));

    public AwsWikiException TimedOut(string what, Exception? inner) =>
        Errors.RequestTimedOut.Wrap(inner, Endpoint, what, Endpoint, Limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));

    /// <summary>Runs one request under a deadline.</summary>
    public static async Task<T> RunAsync<T>(TimeSpan limit, string endpoint, string what, Func<CancellationToken, Task<T>> request,
        CancellationToken cancellationToken)
    {
        using var deadline = new RequestDeadline(limit, endpoint, cancellationToken);
        try
        {
            return await request(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline.Explains(e))
        {
            throw deadline.TimedOut(what, e);
        }
    }

    public static async Task RunAsync(TimeSpan limit, string endpoint, string what, Func<CancellationToken, Task> request,
        CancellationToken cancellationToken)
    {
        await RunAsync<bool>(limit, endpoint, what, async token =>
        {
            await request(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _source.Dispose();

    /// <summary>How messages name a service: its SDK service id with spaces ("EC2", "ELASTIC LOAD BALANCING V2").</summary>
    public static string NameOf(AwsService service) => service.EnvironmentId.Replace('_', ' ');

    private static bool IsTimeout(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
