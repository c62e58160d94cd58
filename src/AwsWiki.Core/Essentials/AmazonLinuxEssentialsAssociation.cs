using System;
using System.Linq;

namespace AwsWiki.Essentials;

/// <summary>An SSM State Manager association that keeps the essentials on every instance its targets match.</summary>
public sealed class AmazonLinuxEssentialsAssociation
{
    public string AssociationName { get; set; } = string.Empty;

    public string AssociationId { get; set; } = string.Empty;

    /// <summary>Register-AmazonLinuxEssentials only: Created, Updated or Unchanged.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>SSM's overview status: Pending, Success or Failed.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The targets: tag:Role=web, resource-groups:Name=prod.</summary>
    public string Targets { get; set; } = string.Empty;

    /// <summary>rate(...) or cron(...); empty: runs when created or changed and on new instances only.</summary>
    public string Schedule { get; set; } = string.Empty;

    public bool ApplyOnlyAtCronInterval { get; set; }

    public string DocumentName { get; set; } = string.Empty;

    public string DocumentVersion { get; set; } = string.Empty;

    /// <summary>Packages installed besides the base set, space-separated.</summary>
    public string ExtraPackages { get; set; } = string.Empty;

    public bool InstallDocker { get; set; }

    public string MaxConcurrency { get; set; } = string.Empty;

    public string MaxErrors { get; set; } = string.Empty;

    /// <summary>Instances whose latest run succeeded, failed, or is pending, from SSM's aggregated counts.</summary>
    public int SuccessCount { get; set; }

    public int FailedCount { get; set; }

    public int PendingCount { get; set; }

    public DateTime? LastExecutionDate { get; set; }

    public string Region { get; set; } = string.Empty;

    public string ProfileName { get; set; } = string.Empty;

    public static AmazonLinuxEssentialsAssociation From(EssentialsAssociationRecord record, string action, string region, string? profileName)
    {
        int Count(string status) => record.StatusCounts.TryGetValue(status, out var count) ? count : 0;
        string Parameter(string name) => record.Parameters.TryGetValue(name, out var values) ? string.Join(" ", values) : string.Empty;
        return new AmazonLinuxEssentialsAssociation
        {
            AssociationName = record.AssociationName,
            AssociationId = record.AssociationId,
            Action = action,
            Status = record.OverviewStatus ?? string.Empty,
            Targets = FleetTargets.Describe(record.Targets),
            Schedule = record.ScheduleExpression ?? string.Empty,
            ApplyOnlyAtCronInterval = record.ApplyOnlyAtCronInterval,
            DocumentName = record.DocumentName,
            DocumentVersion = record.DocumentVersion,
            ExtraPackages = Parameter("ExtraPackages"),
            InstallDocker = !string.Equals(Parameter("InstallDocker"), "no", StringComparison.Ordinal),
            MaxConcurrency = record.MaxConcurrency,
            MaxErrors = record.MaxErrors,
            SuccessCount = Count("Success"),
            FailedCount = Count("Failed"),
            PendingCount = Count("Pending") + Count("InProgress"),
            LastExecutionDate = record.LastExecutionDate,
            Region = region,
            ProfileName = profileName ?? string.Empty,
        };
    }
}
