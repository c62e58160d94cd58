using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu;

/// <summary>
/// One optional signal of a region's rows (Price List prices, capacity reservations, Spot placement
/// scores, Capacity Block offers). When its service fails or is denied, the rows still come out
/// with its properties empty, with one warning for the region that names the service and the
/// reason; after a failure it is not asked again in that region. Only the caller's Ctrl+C ends it.
/// A region fails only when its primary data (zones, offerings) cannot be read.
/// </summary>
internal sealed class OptionalSignal
{
    private readonly string _region;
    private readonly string _what;
    private readonly string _emptied;
    private readonly IActivityReporter _reporter;
    private int _failed;

    /// <param name="what">The signal, as the warning names it ("Spot placement scores").</param>
    /// <param name="emptied">What is left empty ("SpotPlacementScore is empty").</param>
    public OptionalSignal(string region, string what, string emptied, IActivityReporter reporter)
    {
        _region = region;
        _what = what;
        _emptied = emptied;
        _reporter = reporter;
    }

    public bool Failed => Volatile.Read(ref _failed) != 0;

    /// <summary>The signal's value, or (false, default) when it failed now or before in this region.</summary>
    public async Task<(bool Known, T? Value)> TryAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        if (Failed)
        {
            return (false, default);
        }

        try
        {
            return (true, await read().ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _failed, 1) == 0)
            {
                _reporter.Warning(WarningText(_region, _what, _emptied, e));
            }

            return (false, default);
        }
    }

    /// <summary>"us-east-1: Spot placement scores unavailable (EC2 GetSpotPlacementScores: AccessDenied ...); SpotPlacementScore is empty".</summary>
    internal static string WarningText(string region, string what, string emptied, Exception failure) =>
        $"{region}: {what} unavailable ({Reason(failure)}); {emptied}.";

    /// <summary>The service, the operation and what it said; the message for failures that are not a service's answer.</summary>
    internal static string Reason(Exception failure)
    {
        var e = failure is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : failure;
        return e is AwsServiceException service
            ? $"{service.Service} {service.Operation}: {service.ServiceCode} {UserText.Show(service.ServiceMessage)}".TrimEnd()
            : UserText.Show(e.Message);
    }
}
