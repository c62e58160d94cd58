using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>ACM over JSON 1.1: every call is a POST to "/" with X-Amz-Target CertificateManager.&lt;Operation&gt;.</summary>
public sealed class AcmClient : IAcmClient
{
    private readonly AwsRequestSender _sender;

    public AcmClient(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.Acm, "https://acm.{region}.amazonaws.com");
    }

    public async Task<IReadOnlyList<string>> ListCertificatesAsync(IEnumerable<string>? statuses, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        var statusList = statuses?.ToList();
        await TokenPaging.AllPagesAsync(async nextToken =>
        {
            var request = new Dictionary<string, object?>
            {
                ["CertificateStatuses"] = statusList is { Count: > 0 } ? statusList : null,
                ["NextToken"] = nextToken,
            };
            using var response = await SendAsync("ListCertificates", request, cancellationToken).ConfigureAwait(false);
            var root = response.RootElement;
            if (root.TryGetProperty("CertificateSummaryList", out var list))
            {
                result.AddRange(list.EnumerateArray().Select(s => s.GetProperty("CertificateArn").GetString()).OfType<string>());
            }

            return String(root, "NextToken");
        }, cancellationToken).ConfigureAwait(false);

        return result;
    }

    public async Task<IReadOnlyList<CertificateSummary>> ListCertificateSummariesAsync(IEnumerable<string>? statuses, CancellationToken cancellationToken)
    {
        var result = new List<CertificateSummary>();
        var statusList = statuses?.ToList();
        await TokenPaging.AllPagesAsync(async nextToken =>
        {
            var request = new Dictionary<string, object?>
            {
                ["MaxItems"] = 1000,
                ["CertificateStatuses"] = statusList is { Count: > 0 } ? statusList : null,
                ["NextToken"] = nextToken,
            };
            using var response = await SendAsync("ListCertificates", request, cancellationToken).ConfigureAwait(false);
            var root = response.RootElement;
            if (root.TryGetProperty("CertificateSummaryList", out var list))
            {
                foreach (var summary in list.EnumerateArray())
                {
                    // The service lists SubjectAlternativeNameSummaries; moto answers with the full SubjectAlternativeNames.
                    var names = new[] { String(summary, "DomainName") }.OfType<string>()
                        .Concat(Strings(summary, "SubjectAlternativeNameSummaries")).Concat(Strings(summary, "SubjectAlternativeNames"))
                        .Distinct().ToList();
                    result.Add(new CertificateSummary(String(summary, "CertificateArn") ?? string.Empty, names, String(summary, "Status")));
                }
            }

            return String(root, "NextToken");
        }, cancellationToken).ConfigureAwait(false);

        return result;
    }

    public async Task<CertificateDetail?> DescribeCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        JsonDocument response;
        try
        {
            response = await SendAsync("DescribeCertificate", new Dictionary<string, object?> { ["CertificateArn"] = certificateArn }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "ResourceNotFoundException")
        {
            return null;
        }

        using (response)
        {
            var certificate = response.RootElement.GetProperty("Certificate");
            var records = new List<CertificateValidationRecord>();
            if (certificate.TryGetProperty("DomainValidationOptions", out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    if (option.TryGetProperty("ResourceRecord", out var record))
                    {
                        records.Add(new CertificateValidationRecord(
                            String(option, "DomainName") ?? string.Empty,
                            (String(record, "Name") ?? string.Empty).TrimEnd('.'),
                            String(record, "Type") ?? "CNAME",
                            String(record, "Value") ?? string.Empty,
                            String(option, "ValidationStatus")));
                    }
                }
            }

            return new CertificateDetail(
                String(certificate, "CertificateArn") ?? certificateArn,
                String(certificate, "DomainName") ?? string.Empty,
                Strings(certificate, "SubjectAlternativeNames"),
                String(certificate, "Status") ?? "UNKNOWN",
                String(certificate, "Type"),
                Strings(certificate, "InUseBy"),
                records);
        }
    }

    public async Task<string> RequestCertificateAsync(string domainName, string idempotencyToken, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object?>
        {
            ["DomainName"] = domainName,
            ["ValidationMethod"] = "DNS",
            ["IdempotencyToken"] = idempotencyToken,
            ["Tags"] = tags.Count > 0 ? tags.Select(t => new Dictionary<string, string> { ["Key"] = t.Key, ["Value"] = t.Value }).ToList() : null,
        };

        using var response = await SendAsync("RequestCertificate", request, cancellationToken).ConfigureAwait(false);
        return response.RootElement.GetProperty("CertificateArn").GetString()!;
    }

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("ListTagsForCertificate", new Dictionary<string, object?> { ["CertificateArn"] = certificateArn }, cancellationToken)
            .ConfigureAwait(false);
        var result = new Dictionary<string, string>();
        if (response.RootElement.TryGetProperty("Tags", out var tags))
        {
            foreach (var tag in tags.EnumerateArray())
            {
                result[String(tag, "Key") ?? string.Empty] = String(tag, "Value") ?? string.Empty;
            }
        }

        return result;
    }

    public async Task DeleteCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync("DeleteCertificate", new Dictionary<string, object?> { ["CertificateArn"] = certificateArn }, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<JsonDocument> SendAsync(string operation, IReadOnlyDictionary<string, object?> request, CancellationToken cancellationToken) =>
        _sender.SendJsonAsync("CertificateManager." + operation, request, cancellationToken);

    private static string? String(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()).OfType<string>().ToList()
            : new List<string>();
    }
}
