using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace AwsWiki.Internal;

/// <summary>
/// A machine-wide lock named after a file path, held around read-modify-write so concurrent
/// processes (runbooks looping over accounts in parallel) lose no update. A named mutex leaves no
/// lock files in ~/.aws and is released by the OS if the holder dies.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly Mutex _mutex;

    private FileLock(Mutex mutex)
    {
        _mutex = mutex;
    }

    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        var mutex = new Mutex(initiallyOwned: false, MutexName(path));
        try
        {
            if (!mutex.WaitOne(timeout))
            {
                mutex.Dispose();
                throw Errors.ProfileFileLocked.New(path, path, Math.Round(timeout.TotalSeconds));
            }
        }
        catch (AbandonedMutexException)
        {
            // The previous holder died; the files are still whole because writes are atomic.
        }

        return new FileLock(mutex);
    }

    public void Dispose()
    {
        _mutex.ReleaseMutex();
        _mutex.Dispose();
    }

    private static string MutexName(string path)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(path)));
        var hex = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            hex.Append(hash[i].ToString("x2"));
        }

        return "Global\\AwsWiki.ProfileFile." + hex;
    }
}
