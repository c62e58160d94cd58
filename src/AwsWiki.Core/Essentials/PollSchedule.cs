using System;

namespace AwsWiki.Essentials;

/// <summary>Backoff between status polls: quick at first (SSM answers fast for short scripts), then capped.</summary>
public sealed record PollSchedule(TimeSpan Initial, TimeSpan Maximum, double Factor)
{
    public static PollSchedule Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15), 1.5);

    public TimeSpan Next(TimeSpan current)
    {
        var next = TimeSpan.FromTicks((long)(current.Ticks * Factor));
        return next > Maximum ? Maximum : next;
    }
}
