using System;

namespace AwsWiki.Essentials;

/// <summary>GetCommandInvocation for one instance: status, exit code, output and how long it ran.</summary>
public sealed record InvocationDetail(
    string InstanceId,
    string Status,
    string? StatusDetails,
    int? ResponseCode,
    string StandardOutput,
    string StandardError,
    TimeSpan? Duration);
