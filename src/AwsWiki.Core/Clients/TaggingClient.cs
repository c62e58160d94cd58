using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// Resource Groups Tagging API over JSON 1.1: a POST to "/" with X-Amz-Target
/// ResourceGroupsTaggingAPI_20170126.&lt;Operation&gt;. One query finds tagged resources across services.
/// </summary>
public sealed class TaggingClient : ITaggingClient
{
    private const string TargetPrefix = "ResourceGroupsTaggingAPI_20170126.";

    /// <summary>The service's maximum page size: fewer round trips in a busy account.</summary>
    private const int ResourcesPerPage = 100;

    private readonly AwsRequestSender _sender;

    public TaggingClient(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.ResourceGroupsTagging, "https://tagging.{region}.amazonaws.com");
    }

    public async Task<IReadOnlyList<TaggedResource>> GetResourcesAsync(string tagKey, IReadOnlyList<string>? tagValues, IReadOnlyList<string>? resourceTypes,
        CancellationToken cancellationToken)
    {
        var filter = new Dictionary<string, object> { ["Key"] = tagKey };
        if (tagValues is { Count: > 0 })
        {
            filter["Values"] = tagValues;
        }

        var result = new List<TaggedResource>();
        await TokenPaging.AllPagesAsync(async token =>
        {
            var request = new Dictionary<string, object?>
            {
                ["PaginationToken"] = token,
                ["TagFilters"] = new[] { filter },
                ["ResourcesPerPage"] = ResourcesPerPage,
                ["ResourceTypeFilters"] = resourceTypes is { Count: > 0 } ? resourceTypes : null,
            };
            using var json = await _sender.SendJsonAsync(TargetPrefix + "GetResources", request, cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            if (root.TryGetProperty("ResourceTagMappingList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var mapping in list.EnumerateArray())
                {
                    var arn = mapping.TryGetProperty("ResourceARN", out var a) ? a.GetString() : null;
                    if (string.IsNullOrEmpty(arn))
                    {
                        continue;
                    }

                    var tags = new Dictionary<string, string>(System.StringComparer.Ordinal);
                    if (mapping.TryGetProperty("Tags", out var tagList) && tagList.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var tag in tagList.EnumerateArray())
                        {
                            var key = tag.TryGetProperty("Key", out var k) ? k.GetString() : null;
                            if (key is not null)
                            {
                                tags[key] = tag.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
                            }
                        }
                    }

                    result.Add(new TaggedResource(arn!, tags));
                }
            }

            // The last page has an empty (or, in some implementations, null) token.
            return root.TryGetProperty("PaginationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }, cancellationToken).ConfigureAwait(false);

        return result.GroupBy(r => r.ResourceArn).Select(g => g.First()).ToList();
    }
}
