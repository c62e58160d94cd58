using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Serialises New-HttpsEntryPoint runs for one domain and region on this machine, so a second run
/// (another terminal, a retried runbook) plans after the first has finished and finds its work
/// instead of racing it. An exclusively opened file in the temp folder: the OS drops the lock when
/// the holder exits or dies, and unlike a named mutex it is not tied to one thread, so it can be
/// held across awaits. Runs on other machines converge through the idempotent creates instead.
/// </summary>
internal sealed class EntryPointLock : IDisposable
{
    private const int ProgressActivity = 43;

    private readonly FileStream _file;

    private EntryPointLock(FileStream file) => _file = file;

    /// <summary>Where the lock files live: under the temp folder (TMPDIR), shared by the user's processes.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "awswiki-locks");

    /// <summary>Waits for the lock, with progress, until <paramref name="timeout"/>; throws "EntryPointBusy" then.</summary>
    public static async Task<EntryPointLock> AcquireAsync(string region, string domainName, TimeSpan timeout, IActivityReporter reporter,
        CancellationToken cancellationToken)
    {
        var domain = DomainNames.Normalize(domainName);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "entry-point-" + Hash(region + "|" + domain) + ".lock");
        var started = DateTime.UtcNow;
        try
        {
            while (true)
            {
                try
                {
                    return new EntryPointLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException) when (DateTime.UtcNow - started < timeout)
                {
                    var waited = DateTime.UtcNow - started;
                    if (waited < TimeSpan.FromSeconds(1))
                    {
                        reporter.Verbose($"Another New-HttpsEntryPoint for {domain} in {region} is running on this machine; waiting for it to finish.");
                    }

                    reporter.Progress(ProgressActivity, $"Waiting for another New-HttpsEntryPoint for {domain}",
                        $"{waited.TotalSeconds:0} s (gives up after {timeout.TotalSeconds:0} s)", (int)(100 * waited.TotalSeconds / timeout.TotalSeconds));
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw Errors.EntryPointBusy.Wrap(e, domain, domain, region, Math.Round(timeout.TotalSeconds), path);
                }
            }
        }
        finally
        {
            reporter.CompleteProgress(ProgressActivity, $"Waiting for another New-HttpsEntryPoint for {domain}");
        }
    }

    public void Dispose() => _file.Dispose();

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        var hex = new StringBuilder();
        foreach (var b in sha.ComputeHash(Encoding.UTF8.GetBytes(text)).AsSpan(0, 10))
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
