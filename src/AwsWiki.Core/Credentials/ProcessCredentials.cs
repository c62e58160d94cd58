using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using AwsWiki.Profiles;

namespace AwsWiki.Credentials;

/// <summary>
/// A profile's credential_process, run as botocore runs it (the command split as shlex.split
/// does, no shell, stdout read as {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken",
/// "Expiration"}), but bounded: the process is started asynchronously and killed when the call's
/// time limit passes or the user presses Ctrl+C. A failure is CredentialProcessFailed naming the
/// profile and the exit code, never the process's output, which may hold a secret.
/// </summary>
internal sealed class ProcessCredentials : RefreshingAWSCredentials
{
    private readonly string _profileName;
    private readonly string _commandLine;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellation;

    public ProcessCredentials(string profileName, string commandLine, TimeSpan timeout, CancellationToken cancellation)
    {
        _profileName = profileName;
        _commandLine = commandLine;
        _timeout = timeout;
        _cancellation = cancellation;
        // Refresh five minutes early, as botocore's RefreshableCredentials does for this provider.
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var words = ShellWords.Split(_commandLine);
        if (words is null || words.Count == 0)
        {
            throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "its command line cannot be split into words (an unclosed quote?)");
        }

        var info = new ProcessStartInfo(words[0], JoinArguments(words))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("no process");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            throw Errors.CredentialProcessFailed.Wrap(e, _profileName, _profileName, $"'{words[0]}' could not be started (not found or not executable)");
        }

        using (process)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(_cancellation))
        {
            limit.CancelAfter(_timeout);
            var output = process.StandardOutput.ReadToEndAsync();
            // Read and drop stderr so a chatty process never blocks on a full pipe; it is never shown.
            var errors = process.StandardError.ReadToEndAsync();
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => exited.TrySetResult(true);
            if (process.HasExited)
            {
                exited.TrySetResult(true);
            }

            var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (limit.Token.Register(() => stopped.TrySetResult(true)))
            {
                var all = Task.WhenAll(output, errors, exited.Task);
                if (await Task.WhenAny(all, stopped.Task).ConfigureAwait(false) != all)
                {
                    Kill(process);
                    _cancellation.ThrowIfCancellationRequested();
                    throw Errors.CredentialProcessFailed.New(_profileName, _profileName,
                        $"it did not finish within {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (timed out; the process was stopped)");
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw Errors.CredentialProcessFailed.New(_profileName, _profileName, $"it exited with code {process.ExitCode}");
            }

            return Parse(await output.ConfigureAwait(false));
        }
    }

    private CredentialsRefreshState Parse(string output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            throw Errors.CredentialProcessFailed.Wrap(e, _profileName, _profileName, "its output is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "its output is not a JSON object");
            }

            if (!root.TryGetProperty("Version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != 1)
            {
                throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "its output has no \"Version\": 1 (the only version the AWS CLI reads)");
            }

            var accessKey = Text(root, "AccessKeyId");
            var secretKey = Text(root, "SecretAccessKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "its output lacks AccessKeyId or SecretAccessKey");
            }

            var token = Text(root, "SessionToken");
            var expiration = DateTime.MaxValue;
            if (Text(root, "Expiration") is { Length: > 0 } expires)
            {
                if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "its Expiration is not an ISO 8601 time");
                }

                expiration = parsed.UtcDateTime;
                if (expiration <= DateTime.UtcNow)
                {
                    throw Errors.CredentialProcessFailed.New(_profileName, _profileName, "it returned credentials that have already expired");
                }
            }

            return new CredentialsRefreshState(new ImmutableCredentials(accessKey, secretKey, token), expiration);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The words after the program as one argument string that .NET splits back into exactly these
    /// words (the Windows quoting rules, which .NET also uses to build argv on Unix).
    /// </summary>
    private static string JoinArguments(System.Collections.Generic.IReadOnlyList<string> words)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < words.Count; i++)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var word = words[i];
            if (word.Length > 0 && word.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) < 0)
            {
                builder.Append(word);
                continue;
            }

            builder.Append('"');
            var backslashes = 0;
            foreach (var c in word)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                builder.Append(c);
            }

            builder.Append('\\', backslashes * 2).Append('"');
        }

        return builder.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // Kill(entireProcessTree: true) where the runtime has it (.NET Core 3+): a shell's children go too.
                var tree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                if (tree is not null)
                {
                    tree.Invoke(process, new object[] { true });
                }
                else
                {
                    process.Kill();
                }
            }
        }
        catch (System.Reflection.TargetInvocationException)
        {
            // Gone already.
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Gone already.
        }
    }
}
