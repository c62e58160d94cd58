using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>Service Quotas (service "servicequotas"), the calls this module makes.</summary>
public interface IServiceQuotasClient
{
    string Region { get; }

    /// <summary>GetServiceQuota: the quota's applied value in this account and region.</summary>
    Task<ServiceQuotaValue> GetServiceQuotaAsync(string serviceCode, string quotaCode, CancellationToken cancellationToken);

    /// <summary>ListRequestedServiceQuotaChangeHistoryByQuota, every page: the increase requests for one quota, newest first as the service lists them.</summary>
    Task<IReadOnlyList<ServiceQuotaChange>> ListRequestedChangesAsync(string serviceCode, string quotaCode, CancellationToken cancellationToken);

    /// <summary>RequestServiceQuotaIncrease: asks for <paramref name="desiredValue"/>; the request as the service recorded it.</summary>
    Task<ServiceQuotaChange> RequestIncreaseAsync(string serviceCode, string quotaCode, double desiredValue, CancellationToken cancellationToken);
}
