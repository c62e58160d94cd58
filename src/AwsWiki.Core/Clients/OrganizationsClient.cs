using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>
/// AWS Organizations over the JSON 1.1 protocol (AWSSDK.Organizations is not on our package
/// source). One global endpoint, signed for "organizations" in us-east-1; the endpoint follows
/// -EndpointUrl, AWS_ENDPOINT_URL_ORGANIZATIONS and AWS_ENDPOINT_URL like the SDK clients.
/// </summary>
public sealed class OrganizationsClient : IOrganizationsClient
{
    public const string DefaultEndpoint = "https://organizations.us-east-1.amazonaws.com";
    private const string TargetPrefix = "AWSOrganizationsV20161128.";

    private readonly AwsRequestSender _sender;

    public OrganizationsClient(AwsContext context, RetryPolicy? retryPolicy = null)
    {
        _sender = new AwsRequestSender(context, AwsService.Organizations, DefaultEndpoint, retryPolicy);
    }

    public async Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<OrganizationAccount>();
        string? nextToken = null;
        do
        {
            using var json = await _sender.SendJsonAsync(TargetPrefix + "ListAccounts", RequestBody(nextToken), cancellationToken).ConfigureAwait(false);
            if (json.RootElement.TryGetProperty("Accounts", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var id = Text(item, "Id");
                    if (!string.IsNullOrEmpty(id))
                    {
                        accounts.Add(new OrganizationAccount(id!, Text(item, "Name"), Text(item, "Email"), Text(item, "Status")));
                    }
                }
            }

            nextToken = Text(json.RootElement, "NextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));

        return accounts;
    }

    // As the AWS CLI sends it: an empty object for the first page, then only the token.
    private static byte[] RequestBody(string? nextToken)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (!string.IsNullOrEmpty(nextToken))
            {
                writer.WriteString("NextToken", nextToken);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
