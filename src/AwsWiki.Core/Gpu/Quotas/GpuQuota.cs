using System;

namespace AwsWiki.Gpu.Quotas;

/// <summary>One family's vCPU quota for one market (on-demand or Spot) in one region: Get-GpuQuota's rows.</summary>
public sealed class GpuQuota
{
    public string Region { get; set; } = string.Empty;

    /// <summary>P, G (G and VT), DL, Trn, Inf or F.</summary>
    public string Family { get; set; } = string.Empty;

    /// <summary>OnDemand or Spot.</summary>
    public string Market { get; set; } = string.Empty;

    public string QuotaCode { get; set; } = string.Empty;

    public string QuotaName { get; set; } = string.Empty;

    /// <summary>The applied quota in vCPUs.</summary>
    public int QuotaVCpus { get; set; }

    /// <summary>vCPUs of the family's running and pending instances in this market.</summary>
    public int UsedVCpus { get; set; }

    /// <summary>QuotaVCpus - UsedVCpus (negative when usage is over a lowered quota).</summary>
    public long HeadroomVCpus { get; set; }

    public bool Adjustable { get; set; }

    /// <summary>An increase request still being decided (PENDING or CASE_OPENED); empty when none.</summary>
    public string OpenRequestStatus { get; set; } = string.Empty;

    public int? OpenRequestDesiredValue { get; set; }

    public string OpenRequestId { get; set; } = string.Empty;

    public string OpenRequestCaseId { get; set; } = string.Empty;

    public DateTime? OpenRequestCreated { get; set; }
}
