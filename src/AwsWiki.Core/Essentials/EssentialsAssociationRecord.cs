using System;
using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>An association as SSM describes it (DescribeAssociation), in the module's terms.</summary>
public sealed record EssentialsAssociationRecord(
    string AssociationId,
    string AssociationName,
    string DocumentName,
    string DocumentVersion,
    string? AssociationVersion,
    IReadOnlyList<CommandTarget> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters,
    string? ScheduleExpression,
    bool ApplyOnlyAtCronInterval,
    string MaxConcurrency,
    string MaxErrors,
    string? OverviewStatus,
    IReadOnlyDictionary<string, int> StatusCounts,
    DateTime? LastExecutionDate);
