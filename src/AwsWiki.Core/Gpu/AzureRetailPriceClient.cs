using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Gpu;

/// <summary>
/// GET {base}?currencyCode='XXX'&amp;$filter=..., then each NextPageLink until it is null.
/// Throttling (429) and 5xx are retried with the same policy as the AWS clients (Retry-After
/// honoured), and each page request has the same time limit (-TimeoutSec).
/// </summary>
internal sealed class AzureRetailPriceClient : IAzureRetailPriceClient
{
    public const string DefaultBaseUrl = "https://prices.azure.com/api/retail/prices";
    public const string BaseUrlVariable = "AWSWIKI_AZURE_PRICES_URL";
    private const int MaxPages = 200;

    // No HttpClient timeout: each request runs under a RequestDeadline, which says what timed out.
    private static readonly HttpClient SharedHttp = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    private readonly string _baseUrl;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan _timeout;

    /// <param name="baseUrl">null: AWSWIKI_AZURE_PRICES_URL, then Azure's own endpoint.</param>
    /// <param name="timeout">How long one page request may take, retries included (-TimeoutSec); null for the default.</param>
    public AzureRetailPriceClient(string? baseUrl, RetryPolicy? retryPolicy = null, TimeSpan? timeout = null)
    {
        _baseUrl = (string.IsNullOrEmpty(baseUrl) ? Environment.GetEnvironmentVariable(BaseUrlVariable) : baseUrl) is { Length: > 0 } url ? url : DefaultBaseUrl;
        _retry = retryPolicy ?? RetryPolicy.Default;
        _timeout = timeout ?? RequestDeadline.DefaultLimit;
    }

    public async Task<IReadOnlyList<AzureRetailPrice>> GetPricesAsync(string filter, string currencyCode, CancellationToken cancellationToken)
    {
        var items = new List<AzureRetailPrice>();
        string? url = $"{_baseUrl}?api-version=2023-01-01-preview&currencyCode='{Uri.EscapeDataString(currencyCode)}'&$filter={Uri.EscapeDataString(filter)}";
        for (var page = 0; url is not null; page++)
        {
            if (page >= MaxPages)
            {
                throw Errors.AzurePricesTooManyPages.New(filter, MaxPages);
            }

            var body = await GetAsync(url, cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("Items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    items.Add(new AzureRetailPrice
                    {
                        ArmSkuName = Text(item, "armSkuName"),
                        ArmRegionName = Text(item, "armRegionName"),
                        CurrencyCode = Text(item, "currencyCode"),
                        UnitPrice = item.TryGetProperty("unitPrice", out var price) && price.ValueKind == JsonValueKind.Number ? price.GetDouble() : double.NaN,
                        Type = Text(item, "type"),
                        ReservationTerm = Text(item, "reservationTerm"),
                        MeterName = Text(item, "meterName"),
                        SkuName = Text(item, "skuName"),
                        ProductName = Text(item, "productName"),
                        ServiceName = Text(item, "serviceName"),
                        UnitOfMeasure = Text(item, "unitOfMeasure"),
                        EffectiveStartDate = AwsPriceListPrices.DatePart(Text(item, "effectiveStartDate")),
                    });
                }
            }

            url = json.RootElement.TryGetProperty("NextPageLink", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            url = string.IsNullOrEmpty(url) ? null : url;
        }

        return items;
    }

    private Task<string> GetAsync(string url, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(url).GetLeftPart(UriPartial.Path);
        return RequestDeadline.RunAsync(_timeout, endpoint, "Azure Retail Prices", token => GetWithRetriesAsync(url, endpoint, token), cancellationToken);
    }

    private async Task<string> GetWithRetriesAsync(string url, string endpoint, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode status;
            string body;
            TimeSpan? retryAfter;
            try
            {
                using var response = await SharedHttp.GetAsync(url, cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                status = response.StatusCode;
                retryAfter = RetryPolicy.RetryAfter(response);
            }
            catch (HttpRequestException) when (attempt < _retry.MaxAttempts)
            {
                await Task.Delay(_retry.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= _retry.MaxAttempts || !_retry.IsRetryable(status, null))
            {
                throw ((int)status >= 500 ? Errors.AzurePricesUnavailable : Errors.AzurePricesRequestFailed).New(endpoint, (int)status, attempt, Shorten(body));
            }

            await Task.Delay(_retry.DelayBefore(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + "..." : text;

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
