using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>
/// The client-side rate limiter of the SDKs' adaptive retry mode, per endpoint: a token bucket that
/// stays off until the first throttling answer, then sends at a rate that drops to 70% on each
/// throttle and grows back along a CUBIC curve towards the rate that was throttled, never above
/// twice the measured sending rate.
/// </summary>
internal sealed class AdaptiveRateLimiter
{
    private const double Beta = 0.7;
    private const double ScaleConstant = 0.4;
    private const double Smoothing = 0.8;
    private const double MinFillRate = 0.5;
    private const double MinCapacity = 1;

    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly object _gate = new();

    private bool _enabled;
    private double _fillRate;
    private double _maxCapacity;
    private double _capacity;
    private double _lastRefill = -1;
    private double _lastMaxRate;
    private double _lastThrottle = Now;
    private double _timeWindow;
    private double _measuredRate;
    private double _measureBucket = Math.Floor(Now * 2) / 2;
    private int _requestsInBucket;

    private static double Now => Clock.Elapsed.TotalSeconds;

    /// <summary>Waits until one token is available (immediately while the limiter is off).</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (!_enabled)
                {
                    return;
                }

                Refill();
                if (_capacity >= 1)
                {
                    _capacity -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _capacity) / _fillRate);
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records one answer: throttled or not.</summary>
    public void Update(bool throttled)
    {
        lock (_gate)
        {
            var now = Now;
            MeasureSendingRate(now);
            double rate;
            if (throttled)
            {
                var rateToUse = _enabled ? Math.Min(_measuredRate, _fillRate) : _measuredRate;
                _lastMaxRate = rateToUse;
                _timeWindow = Math.Pow(_lastMaxRate * (1 - Beta) / ScaleConstant, 1.0 / 3);
                _lastThrottle = now;
                rate = rateToUse * Beta;
                _enabled = true;
            }
            else
            {
                _timeWindow = Math.Pow(_lastMaxRate * (1 - Beta) / ScaleConstant, 1.0 / 3);
                rate = ScaleConstant * Math.Pow(now - _lastThrottle - _timeWindow, 3) + _lastMaxRate;
            }

            SetRate(Math.Min(rate, 2 * _measuredRate));
        }
    }

    private void MeasureSendingRate(double now)
    {
        var bucket = Math.Floor(now * 2) / 2;
        _requestsInBucket++;
        if (bucket > _measureBucket)
        {
            var current = _requestsInBucket / (bucket - _measureBucket);
            _measuredRate = current * Smoothing + _measuredRate * (1 - Smoothing);
            _requestsInBucket = 0;
            _measureBucket = bucket;
        }
    }

    private void SetRate(double rate)
    {
        Refill();
        _fillRate = Math.Max(rate, MinFillRate);
        _maxCapacity = Math.Max(rate, MinCapacity);
        _capacity = Math.Min(_capacity, _maxCapacity);
    }

    private void Refill()
    {
        var now = Now;
        if (_lastRefill >= 0)
        {
            _capacity = Math.Min(_maxCapacity, _capacity + (now - _lastRefill) * _fillRate);
        }

        _lastRefill = now;
    }
}
