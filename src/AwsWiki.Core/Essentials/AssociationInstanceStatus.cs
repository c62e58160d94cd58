using System;

namespace AwsWiki.Essentials;

/// <summary>One instance's latest run of an association (DescribeAssociationExecutionTargets).</summary>
public sealed record AssociationInstanceStatus(string InstanceId, string Status, string? DetailedStatus, string ExecutionId, DateTime? LastExecutionDate);
