using System;

namespace AwsWiki.Clients;

/// <summary>A quota as GetServiceQuota gives it (the members this module reads).</summary>
public sealed record ServiceQuotaValue(string ServiceCode, string QuotaCode, string QuotaName, double Value, bool Adjustable);

/// <summary>An increase request (RequestedServiceQuotaChange).</summary>
public sealed record ServiceQuotaChange(string Id, string? CaseId, string QuotaCode, string QuotaName, double DesiredValue, string Status, DateTime? Created)
{
    /// <summary>PENDING and CASE_OPENED requests are still being decided; asking again would open a second one.</summary>
    public bool IsOpen => Status is "PENDING" or "CASE_OPENED";
}
