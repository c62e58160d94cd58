using System;

namespace AwsWiki.Essentials;

/// <summary>How an essentials association last went on one instance.</summary>
public sealed class AmazonLinuxEssentialsAssociationInstance
{
    public string AssociationName { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    /// <summary>Success, Failed, Pending, InProgress, ... as SSM reports the instance's latest run.</summary>
    public string Status { get; set; } = string.Empty;

    public string DetailedStatus { get; set; } = string.Empty;

    public string ExecutionId { get; set; } = string.Empty;

    public DateTime? LastExecutionDate { get; set; }

    public string AssociationId { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public static AmazonLinuxEssentialsAssociationInstance From(EssentialsAssociationRecord association, AssociationInstanceStatus status, string region) => new()
    {
        AssociationName = association.AssociationName,
        InstanceId = status.InstanceId,
        Status = status.Status,
        DetailedStatus = status.DetailedStatus ?? string.Empty,
        ExecutionId = status.ExecutionId,
        LastExecutionDate = status.LastExecutionDate,
        AssociationId = association.AssociationId,
        Region = region,
    };
}
