using System.Collections.Generic;
using System.IO;
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
public sealed class PriceListClient : IPriceListClient
{
    public const string DefaultEndpoint = "https://api.pricing.us-east-1.amazonaws.com";
    private const string Target = "AWSPriceListService.GetProducts";

    private readonly AwsRequestSender _sender;

    public PriceListClient(AwsContext context, RetryPolicy? retryPolicy = null)
    {
        _sender = new AwsRequestSender(context, AwsService.Pricing, DefaultEndpoint, retryPolicy);
    }

    public async Task<IReadOnlyList<string>> GetProductsAsync(string serviceCode, IReadOnlyList<KeyValuePair<string, string>> termMatchFilters,
        CancellationToken cancellationToken)
    {
        var documents = new List<string>();
        string? nextToken = null;
        do
        {
            var body = RequestBody(serviceCode, termMatchFilters, nextToken);
            using var json = await _sender.SendJsonAsync(Target, body, cancellationToken).ConfigureAwait(false);
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

            nextToken = json.RootElement.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return documents;
    }

    private static byte[] RequestBody(string serviceCode, IReadOnlyList<KeyValuePair<string, string>> filters, string? nextToken)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("ServiceCode", serviceCode);
            writer.WriteStartArray("Filters");
            foreach (var filter in filters)
            {
                writer.WriteStartObject();
                writer.WriteString("Type", "TERM_MATCH");
                writer.WriteString("Field", filter.Key);
                writer.WriteString("Value", filter.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("FormatVersion", "aws_v1");
            writer.WriteNumber("MaxResults", 100);
            if (!string.IsNullOrEmpty(nextToken))
            {
                writer.WriteString("NextToken", nextToken);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
