using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Aws;

/// <summary>
/// The one fan-out engine for work over profiles (or organization accounts) x roles x regions:
/// at most <see cref="ThrottleLimit"/> pieces in flight overall and <see cref="PerAccountLimit"/>
/// per account (EC2 and SSM throttle per account and region), progress as pieces finish, Ctrl+C
/// through the token, and isolation: any failure of one piece becomes one result with an error
/// naming its scope (profile, account, region) while the others finish. Results are handed over
/// as each piece ends, from worker threads; the caller queues them for the pipeline thread.
/// </summary>
internal sealed class FanOut
{
    public const int DefaultThrottleLimit = 8;
    public const int DefaultPerAccountLimit = 4;

    private readonly IActivityReporter _reporter;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly string _unit;
    private readonly SemaphoreSlim _overall;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perAccount = new(StringComparer.Ordinal);
    private int _total;
    private int _done;

    /// <param name="unit">What one piece is, for progress ("profile/region pairs", "regions").</param>
    public FanOut(IActivityReporter reporter, int activityId, string activity, string unit = "regions",
        int throttleLimit = DefaultThrottleLimit, int perAccountLimit = DefaultPerAccountLimit)
    {
        _reporter = reporter;
        _activityId = activityId;
        _activity = activity;
        _unit = unit;
        ThrottleLimit = Math.Max(1, throttleLimit);
        PerAccountLimit = Math.Max(1, perAccountLimit);
        _overall = new SemaphoreSlim(ThrottleLimit);
    }

    public int ThrottleLimit { get; }

    public int PerAccountLimit { get; }

    /// <summary>
    /// Runs <paramref name="work"/> for each scope; returns every result (value or error) in the
    /// order the scopes were given. <paramref name="onResult"/>, when given, sees each result as
    /// soon as its piece ends. Only the caller's cancellation ends the whole run.
    /// </summary>
    /// <param name="failure">
    /// The ErrorId a failed piece is reported under (InstanceQueryFailed), keeping the cause's
    /// category; null keeps the cause's own ErrorId. A timeout always stays RequestTimedOut.
    /// </param>
    public async Task<IReadOnlyList<FanOutResult<T>>> RunAsync<T>(IReadOnlyList<FanOutScope> scopes,
        Func<FanOutScope, CancellationToken, Task<T>> work, CancellationToken cancellationToken, Action<FanOutResult<T>>? onResult = null,
        ErrorTemplate? failure = null)
    {
        Interlocked.Add(ref _total, scopes.Count);
        var results = await Task.WhenAll(scopes.Select(scope => RunOneAsync(scope, work, onResult, failure, cancellationToken))).ConfigureAwait(false);
        return results;
    }

    /// <summary>Says the fan-out is over (clears its progress bar).</summary>
    public void Complete() => _reporter.CompleteProgress(_activityId, _activity);

    /// <summary>
    /// The error one piece ends with: its own ErrorId and category (RequestTimedOut,
    /// CredentialProcessFailed, AccessDenied, ...), its scope as the target, the scope in the message.
    /// </summary>
    public static AwsWikiException Isolate(FanOutScope scope, Exception failure, ErrorTemplate? wrapper = null)
    {
        var inner = failure is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : failure;
        var known = inner as AwsWikiException ?? Errors.AwsRequestFailed.Wrap(inner, scope, "AWS", "request", "(unknown endpoint)", UserText.Show(inner.Message));
        var wrap = wrapper is not null && known.Kind != FailureKind.OperationTimeout;
        var what = wrap ? wrapper!.Message.TrimEnd('.') + ": " : string.Empty;
        return new AwsWikiException(wrap ? wrapper!.Id : known.ErrorId, known.Kind, scope, $"{Capitalized(scope.ToString())}: {what}{known.Message} The others go on.", known);
    }

    private async Task<FanOutResult<T>> RunOneAsync<T>(FanOutScope scope, Func<FanOutScope, CancellationToken, Task<T>> work,
        Action<FanOutResult<T>>? onResult, ErrorTemplate? failure, CancellationToken cancellationToken)
    {
        var gate = _perAccount.GetOrAdd(scope.AccountId ?? scope.ProfileName ?? string.Empty, _ => new SemaphoreSlim(PerAccountLimit));
        FanOutResult<T> result;
        // The account's gate first: a piece waiting for its account holds no overall slot another account could use.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _overall.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                result = new FanOutResult<T>(scope, await work(scope, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                result = new FanOutResult<T>(scope, default, Isolate(scope, e, failure));
            }
            finally
            {
                _overall.Release();
            }
        }
        finally
        {
            gate.Release();
        }

        Interlocked.Increment(ref _done);
        Report(scope);
        onResult?.Invoke(result);
        return result;
    }

    private void Report(FanOutScope finished)
    {
        var done = Volatile.Read(ref _done);
        var total = Math.Max(1, Volatile.Read(ref _total));
        var status = $"{done} of {total} {_unit} done ({finished?.ProfileName ?? finished?.AccountId ?? "default"} {finished?.Region})";
        _reporter.Progress(_activityId, _activity, status, done * 100 / total);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
