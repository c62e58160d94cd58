using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu.Topology;

/// <summary>Runs nvidia-smi on this machine: `topo -m`, then `nvlink -s` (whose failure only drops the link status).</summary>
internal static class LocalNvidiaSmi
{
    public const string ExecutableName = "nvidia-smi";

    /// <summary>The nvidia-smi the PATH gives, or null.</summary>
    public static string? Find()
    {
        var names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { ExecutableName + ".exe" } : new[] { ExecutableName };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The text to parse: topo -m, a blank line, then nvlink -s when it succeeds.</summary>
    /// <exception cref="AwsWikiException">NvidiaSmiNotFound, or NvidiaSmiFailed with its exit code and error output.</exception>
    public static async Task<string> ReadTopologyAsync(IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var executable = Find() ?? throw Errors.NvidiaSmiNotFound.New(ExecutableName, "this machine", string.Empty);
        var (topoCode, topo, topoError) = await RunAsync(executable, "topo -m", cancellationToken).ConfigureAwait(false);
        if (topoCode != 0)
        {
            throw Errors.NvidiaSmiFailed.New(executable, executable, "topo -m", topoCode, FirstLine(topoError, topo));
        }

        var (linkCode, links, linkError) = await RunAsync(executable, "nvlink -s", cancellationToken).ConfigureAwait(false);
        if (linkCode != 0)
        {
            reporter.Verbose($"'{executable} nvlink -s' exited with code {linkCode} ({FirstLine(linkError, links)}); the NVLink status is left out.");
            return topo;
        }

        return topo.TrimEnd('\n', '\r') + "\n\n" + links;
    }

    private static string FirstLine(string error, string output)
    {
        var text = (error.Trim().Length > 0 ? error : output).Trim();
        var end = text.IndexOf('\n');
        return end < 0 ? text : text.Substring(0, end).TrimEnd();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string executable, string arguments, CancellationToken cancellationToken)
    {
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            },
        };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (cancellationToken.Register(() =>
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }))
        {
            await Task.Run(process.WaitForExit, CancellationToken.None).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
