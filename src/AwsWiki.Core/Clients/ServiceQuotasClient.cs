using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// Service Quotas over the JSON 1.1 protocol (target prefix ServiceQuotasV20190624; AWSSDK.ServiceQuotas
/// is not on our package source), on the shared sender: signed for "servicequotas" in the region,
/// the endpoint following -EndpointUrl, AWS_ENDPOINT_URL_SERVICE_QUOTAS and AWS_ENDPOINT_URL like the CLI.
/// Members as in botocore's service-quotas 2019-06-24 model.
/// </summary>
public sealed class ServiceQuotasClient : IServiceQuotasClient
{
    public const string DefaultEndpoint = "https://servicequotas.{region}.amazonaws.com";
    private const string TargetPrefix = "ServiceQuotasV20190624.";

    private readonly AwsRequestSender _sender;

    public ServiceQuotasClient(AwsContext context, string? region = null)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.ServiceQuotas, DefaultEndpoint, region);
        Region = context.ForRegion(region).RegionName;
    }

    public string Region { get; }

    public async Task<ServiceQuotaValue> GetServiceQuotaAsync(string serviceCode, string quotaCode, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?> { ["ServiceCode"] = serviceCode, ["QuotaCode"] = quotaCode };
        using var json = await _sender.SendJsonAsync(TargetPrefix + "GetServiceQuota", request, cancellationToken).ConfigureAwait(false);
        var quota = json.RootElement.TryGetProperty("Quota", out var q) && q.ValueKind == JsonValueKind.Object ? q : default;
        return new ServiceQuotaValue(
            Text(quota, "ServiceCode") ?? serviceCode,
            Text(quota, "QuotaCode") ?? quotaCode,
            Text(quota, "QuotaName") ?? string.Empty,
            Number(quota, "Value") ?? 0,
            quota.ValueKind == JsonValueKind.Object && quota.TryGetProperty("Adjustable", out var a) && a.ValueKind == JsonValueKind.True);
    }

    public async Task<IReadOnlyList<ServiceQuotaChange>> ListRequestedChangesAsync(string serviceCode, string quotaCode, CancellationToken cancellationToken)
    {
        var changes = new List<ServiceQuotaChange>();
        await TokenPaging.AllPagesAsync(async nextToken =>
        {
            var request = new Dictionary<string, object?> { ["ServiceCode"] = serviceCode, ["QuotaCode"] = quotaCode, ["NextToken"] = nextToken };
            using var json = await _sender.SendJsonAsync(TargetPrefix + "ListRequestedServiceQuotaChangeHistoryByQuota", request, cancellationToken)
                .ConfigureAwait(false);
            if (json.RootElement.TryGetProperty("RequestedQuotas", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    changes.Add(Change(item, quotaCode));
                }
            }

            return Text(json.RootElement, "NextToken");
        }, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    public async Task<ServiceQuotaChange> RequestIncreaseAsync(string serviceCode, string quotaCode, double desiredValue, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?> { ["ServiceCode"] = serviceCode, ["QuotaCode"] = quotaCode, ["DesiredValue"] = desiredValue };
        using var json = await _sender.SendJsonAsync(TargetPrefix + "RequestServiceQuotaIncrease", request, cancellationToken).ConfigureAwait(false);
        var change = json.RootElement.TryGetProperty("RequestedQuota", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return Change(change, quotaCode);
    }

    private static ServiceQuotaChange Change(JsonElement item, string quotaCode) => new(
        Text(item, "Id") ?? string.Empty,
        Text(item, "CaseId"),
        Text(item, "QuotaCode") ?? quotaCode,
        Text(item, "QuotaName") ?? string.Empty,
        Number(item, "DesiredValue") ?? 0,
        Text(item, "Status") ?? string.Empty,
        Time(item, "Created"));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>JSON 1.1 timestamps are epoch seconds (a number, maybe with a fraction).</summary>
    private static DateTime? Time(JsonElement element, string name) =>
        Number(element, name) is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)).UtcDateTime : null;
}
