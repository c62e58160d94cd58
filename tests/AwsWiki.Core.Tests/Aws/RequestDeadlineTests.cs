using System;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Core.Tests.Aws;

/// <summary>A request past -TimeoutSec is RequestTimedOut; only the caller's own cancellation reads as cancelled.</summary>
public sealed class RequestDeadlineTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task RunAsync_PastTheLimit_IsRequestTimedOut()
    {
        var failure = await Assert.ThrowsAsync<AwsWikiException>(() =>
            RequestDeadline.RunAsync<int>(Short, "https://sts.example.test", "STS GetCallerIdentity", async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 1;
            }, CancellationToken.None));
        Assert.Equal("RequestTimedOut", failure.ErrorId);
        Assert.Equal(FailureKind.OperationTimeout, failure.Kind);
        Assert.Equal("https://sts.example.test", failure.Target);
        Assert.StartsWith("The STS GetCallerIdentity request to https://sts.example.test timed out after 0.1 s.", failure.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_StaysACancellation()
    {
        using var caller = new CancellationTokenSource();
        caller.CancelAfter(50);
        var failure = await Record.ExceptionAsync(() => RequestDeadline.RunAsync(TimeSpan.FromSeconds(30), "e", "x",
            token => Task.Delay(Timeout.Infinite, token), caller.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task RunAsync_HttpLevelTimeout_IsATimeoutToo()
    {
        var failure = await Assert.ThrowsAsync<AwsWikiException>(() => RequestDeadline.RunAsync<int>(TimeSpan.FromSeconds(30), "e", "x",
            _ => throw new InvalidOperationException("wrapper", new TimeoutException("socket")), CancellationToken.None));
        Assert.Equal("RequestTimedOut", failure.ErrorId);
        Assert.Contains("timed out after 30 s", failure.Message);
    }

    [Fact]
    public async Task RunAsync_OtherFailures_PassThrough() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => RequestDeadline.RunAsync<int>(TimeSpan.FromSeconds(30), "e", "x",
            _ => throw new InvalidOperationException("boom"), CancellationToken.None));

    [Fact]
    public async Task RunAsync_ReturnsTheResult() =>
        Assert.Equal(42, await RequestDeadline.RunAsync(TimeSpan.FromSeconds(30), "e", "x", _ => Task.FromResult(42), CancellationToken.None));

    [Fact]
    public async Task Restart_GivesTheNextRequestTheWholeLimit()
    {
        // Wide margins: the machine running the tests may be busy.
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(3), "e", CancellationToken.None);
        await Task.Delay(2000);
        deadline.Restart();
        await Task.Delay(1500);
        Assert.False(deadline.HasExpired);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!deadline.HasExpired && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(deadline.HasExpired);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void HasExpired_FalseWhenTheCallerCancelled()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(30), "e", caller.Token);
        caller.Cancel();
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasExpired);
        Assert.False(deadline.Explains(new TimeoutException()));
    }

    [Theory]
    [InlineData(60, "60")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.0015, "0.002")]
    public void TimedOut_SaysTheLimitInSeconds(double seconds, string shown)
    {
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(seconds), "https://ec2.example.test", CancellationToken.None);
        Assert.Contains($"timed out after {shown} s", deadline.TimedOut("EC2", null).Message);
    }

    [Fact]
    public void DefaultLimit_IsSixtySeconds() => Assert.Equal(TimeSpan.FromSeconds(60), RequestDeadline.DefaultLimit);
}
