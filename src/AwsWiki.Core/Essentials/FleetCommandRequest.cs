using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>
/// One SendCommand call: either explicit instances (at most 50) or SSM Targets (a tag or resource
/// group; SSM resolves any number of instances), paced by SSM through MaxConcurrency and MaxErrors.
/// With <see cref="Parameters"/> null the document gets AWS-RunShellScript's "commands" and
/// "executionTimeout"; otherwise exactly those parameters.
/// </summary>
public sealed record FleetCommandRequest(
    IReadOnlyList<string> InstanceIds,
    string DocumentName,
    IReadOnlyList<string> Commands,
    int ExecutionTimeoutSeconds,
    string MaxConcurrency,
    string MaxErrors,
    string Comment,
    IReadOnlyList<CommandTarget>? Targets = null,
    string? DocumentVersion = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Parameters = null,
    string? OutputS3BucketName = null,
    string? OutputS3KeyPrefix = null);
