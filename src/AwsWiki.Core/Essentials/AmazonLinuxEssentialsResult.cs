using System;
using System.Linq;

namespace AwsWiki.Essentials;

/// <summary>How the essentials script went on one instance.</summary>
public sealed class AmazonLinuxEssentialsResult
{
    private const int TailLines = 15;
    private const int TailChars = 2000;

    /// <summary>StatusDetails values that say more than the Status they come with.</summary>
    private static readonly string[] SpecificDetails = { "Undeliverable", "Terminated", "InvalidPlatform", "DeliveryTimedOut", "ExecutionTimedOut", "AccessDenied" };

    public string InstanceId { get; set; } = string.Empty;

    /// <summary>Success, Failed, TimedOut, Cancelled, Undeliverable, ExecutionTimedOut, ... or WaitTimedOut when the cmdlet stopped waiting.</summary>
    public string Status { get; set; } = string.Empty;

    public int? ResponseCode { get; set; }

    /// <summary>amzn2 or amzn2023 as the script detected it (from its summary line); empty when it did not report.</summary>
    public string Platform { get; set; } = string.Empty;

    /// <summary>Packages this run installed, comma-separated.</summary>
    public string Installed { get; set; } = string.Empty;

    public string AlreadyPresent { get; set; } = string.Empty;

    /// <summary>Packages or steps (docker-service, docker-group) that failed, comma-separated.</summary>
    public string FailedPackages { get; set; } = string.Empty;

    public string StandardOutputTail { get; set; } = string.Empty;

    public string StandardErrorTail { get; set; } = string.Empty;

    public string CommandId { get; set; } = string.Empty;

    public TimeSpan? Duration { get; set; }

    /// <summary>The region the instance is in (the command's region).</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>The profile whose credentials sent the command; empty for the default credentials.</summary>
    public string ProfileName { get; set; } = string.Empty;

    /// <summary>s3://bucket/key of the full standard output, when the command wrote its output to S3.</summary>
    public string OutputS3Uri { get; set; } = string.Empty;

    /// <summary>The full standard output read from S3 (-FetchOutput); empty otherwise.</summary>
    public string Output { get; set; } = string.Empty;

    public static AmazonLinuxEssentialsResult From(string commandId, InvocationDetail detail)
    {
        var summary = EssentialsSummary.Find(detail.StandardOutput);
        var specific = SpecificDetails.FirstOrDefault(name => string.Equals(name, detail.StatusDetails, StringComparison.OrdinalIgnoreCase));
        return new AmazonLinuxEssentialsResult
        {
            InstanceId = detail.InstanceId,
            Status = specific ?? detail.Status,
            ResponseCode = detail.ResponseCode is -1 ? null : detail.ResponseCode,
            Platform = summary?.Platform ?? string.Empty,
            Installed = summary?.Installed ?? string.Empty,
            AlreadyPresent = summary?.AlreadyPresent ?? string.Empty,
            FailedPackages = summary?.Failed ?? string.Empty,
            StandardOutputTail = Tail(detail.StandardOutput),
            StandardErrorTail = Tail(detail.StandardError),
            CommandId = commandId,
            Duration = detail.Duration,
            OutputS3Uri = detail.StandardOutputUri ?? string.Empty,
        };
    }

    /// <summary>The message of the non-terminating error a failed instance gets.</summary>
    public string DescribeFailure() => ToFailure().Message;

    /// <summary>The non-terminating error a failed instance gets.</summary>
    public AwsWikiException ToFailure()
    {
        var code = ResponseCode is null ? string.Empty : $", exit code {ResponseCode}";
        var failed = string.IsNullOrEmpty(FailedPackages) ? string.Empty : $"; failed: {FailedPackages}";
        var lastError = StandardErrorTail.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Length > 0);
        var detail = string.IsNullOrEmpty(lastError) ? string.Empty : $"; last error line: {lastError}";
        return Errors.EssentialsFailed.New(InstanceId, InstanceId, Status, code + failed + detail, CommandId);
    }

    private static string Tail(string text)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var tail = string.Join("\n", lines.Skip(Math.Max(0, lines.Length - TailLines)));
        return tail.Length <= TailChars ? tail : tail.Substring(tail.Length - TailChars);
    }
}
