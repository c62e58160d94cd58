using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Commands.Internal;

namespace AwsWiki.Commands;

/// <summary>
/// Base for cmdlets that wait on work: owns the cancellation token that Ctrl+C (StopProcessing)
/// cancels, and waits for tasks while replaying their progress and messages on the pipeline thread.
/// </summary>
public abstract class CancellableCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly QueuedReporter _reporter = new();
    private bool _disposed;

    protected CancellationToken CancelToken => _cancellation.Token;

    /// <summary>Hand this to core workflows; what they report appears while <see cref="Await{T}"/> waits.</summary>
    protected IActivityReporter Reporter => _reporter;

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Waits for a task on the pipeline thread, writing queued progress as it goes.</summary>
    protected T Await<T>(Task<T> task)
    {
        WaitPumping(task);
        return task.GetAwaiter().GetResult();
    }

    protected void Await(Task task)
    {
        WaitPumping(task);
        task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Waits for a task that hands results over as it goes (a fan-out), writing each one as soon as
    /// it arrives, with progress and messages in between. The one wait loop of the cmdlets.
    /// </summary>
    protected void AwaitStreaming<T>(Task task, System.Collections.Concurrent.ConcurrentQueue<T> results, Action<T> write)
    {
        void Drain()
        {
            _reporter.Drain(this);
            while (results.TryDequeue(out var item))
            {
                write(item);
            }
        }

        var handle = ((IAsyncResult)task).AsyncWaitHandle;
        while (!handle.WaitOne(TimeSpan.FromMilliseconds(50)))
        {
            if (_cancellation.IsCancellationRequested)
            {
                // Ctrl+C: the calls in flight are cancelled; what they were doing ends on its own.
                throw new PipelineStoppedException();
            }

            Drain();
        }

        Drain();
        task.GetAwaiter().GetResult();
    }

    /// <summary>Writes queued progress and messages now.</summary>
    protected void FlushReporter() => _reporter.Drain(this);

    /// <summary>A non-terminating error for one item; the pipeline goes on with the next.</summary>
    protected void WriteFailure(Exception exception, object? target)
    {
        FlushReporter();
        WriteError(ErrorRecords.From(exception, target));
    }

    /// <summary>A terminating error for a failure that stops the whole call (bad setup, bad input).</summary>
    protected void ThrowFailure(Exception exception, object? target)
    {
        FlushReporter();
        ThrowTerminatingError(ErrorRecords.From(exception, target));
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _cancellation.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private void WaitPumping(Task task)
    {
        var handle = ((IAsyncResult)task).AsyncWaitHandle;
        while (!handle.WaitOne(TimeSpan.FromMilliseconds(50)))
        {
            _reporter.Drain(this);
        }

        _reporter.Drain(this);
    }
}
