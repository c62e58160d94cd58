using System;

namespace AwsWiki.Gpu.Quotas;

/// <summary>An increase request of a vCPU quota: the one Request-GpuQuotaIncrease sent, or the open one it found instead.</summary>
public sealed class GpuQuotaIncrease
{
    public string QuotaCode { get; set; } = string.Empty;

    public string QuotaName { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    /// <summary>The applied quota in vCPUs when asked.</summary>
    public int CurrentValue { get; set; }

    /// <summary>The quota asked for: vCPUs in use plus Count x the type's vCPUs (for an open request, what it asks).</summary>
    public int DesiredValue { get; set; }

    /// <summary>PENDING, CASE_OPENED, APPROVED, DENIED, CASE_CLOSED, NOT_APPROVED or INVALID_REQUEST.</summary>
    public string Status { get; set; } = string.Empty;

    public string RequestId { get; set; } = string.Empty;

    /// <summary>The AWS Support case, once one is opened for the request.</summary>
    public string CaseId { get; set; } = string.Empty;

    public DateTime? Created { get; set; }

    public string InstanceType { get; set; } = string.Empty;

    public int Count { get; set; }

    /// <summary>OnDemand or Spot.</summary>
    public string Market { get; set; } = string.Empty;

    public int UsedVCpus { get; set; }

    public int RequiredVCpus { get; set; }

    /// <summary>True when this is a request made before that was still open, shown instead of sending a second one.</summary>
    public bool AlreadyOpen { get; set; }
}
