using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>One SendCommand call: at most 50 instances, paced by SSM through MaxConcurrency and MaxErrors.</summary>
public sealed record FleetCommandRequest(
    IReadOnlyList<string> InstanceIds,
    string DocumentName,
    IReadOnlyList<string> Commands,
    int ExecutionTimeoutSeconds,
    string MaxConcurrency,
    string MaxErrors,
    string Comment);
