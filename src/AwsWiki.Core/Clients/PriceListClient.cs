using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// Price List GetProducts over the JSON 1.1 protocol (AWSSDK.Pricing is not on our package
/// source). Signed for "pricing" in us-east-1, the API's home region; the endpoint follows
/// -EndpointUrl, AWS_ENDPOINT_URL_PRICING and AWS_ENDPOINT_URL like the SDK clients.
/// </summary>
internal sealed class PriceListClient : IPriceListClient
{
    public const string DefaultEndpoint = "https://api.pricing.us-east-1.amazonaws.com";
    private const string Target = "AWSPriceListService.GetProducts";

    private readonly AwsRequestSender _sender;

    public PriceListClient(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.Pricing, DefaultEndpoint);
    }

    public async Task<IReadOnlyList<string>> GetProductsAsync(string serviceCode, IReadOnlyList<KeyValuePair<string, string>> termMatchFilters,
        CancellationToken cancellationToken)
    {
        var documents = new List<string>();
        await TokenPaging.AllPagesAsync(async nextToken =>
        {
            using var json = await _sender.SendJsonAsync(Target, RequestBody(serviceCode, termMatchFilters, nextToken), cancellationToken).ConfigureAwait(false);
            if (json.RootElement.TryGetProperty("PriceList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    // Each entry is a whole price list document serialized into a string.
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } document)
                    {
                        documents.Add(document);
                    }
                }
            }

            return json.RootElement.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }, cancellationToken).ConfigureAwait(false);

        return documents;
    }

    private static IReadOnlyDictionary<string, object?> RequestBody(string serviceCode, IReadOnlyList<KeyValuePair<string, string>> filters, string? nextToken) =>
        new Dictionary<string, object?>
        {
            ["ServiceCode"] = serviceCode,
            ["Filters"] = filters.Select(f => new Dictionary<string, string> { ["Type"] = "TERM_MATCH", ["Field"] = f.Key, ["Value"] = f.Value }).ToList(),
            ["FormatVersion"] = "aws_v1",
            ["MaxResults"] = 100,
            ["NextToken"] = string.IsNullOrEmpty(nextToken) ? null : nextToken,
        };
}
