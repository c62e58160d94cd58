using System;
using System.Globalization;

namespace AwsWiki.Essentials;

/// <summary>Backoff between status polls: quick at first (SSM answers fast for short scripts), then capped.</summary>
public sealed record PollSchedule(TimeSpan Initial, TimeSpan Maximum, double Factor)
{
    /// <summary>Names a fixed poll interval in milliseconds, for emulators and the test suite (real SSM: leave it unset).</summary>
    public const string IntervalVariable = "AWSWIKI_SSM_POLL_INTERVAL_MS";

    public static PollSchedule Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15), 1.5);

    /// <summary>The default backoff, or a fixed interval of 10 to 60000 ms from <see cref="IntervalVariable"/>.</summary>
    public static PollSchedule FromEnvironment()
    {
        var raw = Environment.GetEnvironmentVariable(IntervalVariable);
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 10 and <= 60000
            ? new PollSchedule(TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms), 1)
            : Default;
    }

    public TimeSpan Next(TimeSpan current)
    {
        var next = TimeSpan.FromTicks((long)(current.Ticks * Factor));
        return next > Maximum ? Maximum : next;
    }
}
