using System;

namespace AwsWiki.Essentials;

/// <summary>
/// One instance's invocation: status, exit code, output and how long it ran. The output is what SSM
/// returned inline (2,500 characters through ListCommandInvocations, 24,000 through
/// GetCommandInvocation); the S3 URIs are set when the command wrote its output to S3.
/// </summary>
public sealed record InvocationDetail(
    string InstanceId,
    string Status,
    string? StatusDetails,
    int? ResponseCode,
    string StandardOutput,
    string StandardError,
    TimeSpan? Duration,
    string? StandardOutputUri = null,
    string? StandardErrorUri = null,
    bool OutputTruncated = false);
