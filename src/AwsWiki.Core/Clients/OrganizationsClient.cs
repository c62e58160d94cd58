using System.Collections.Generic;
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

    public OrganizationsClient(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.Organizations, DefaultEndpoint);
    }

    public async Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<OrganizationAccount>();
        await TokenPaging.AllPagesAsync(async nextToken =>
        {
            // As the AWS CLI sends it: an empty object for the first page, then only the token.
            var request = new Dictionary<string, object?> { ["NextToken"] = nextToken };
            using var json = await _sender.SendJsonAsync(TargetPrefix + "ListAccounts", request, cancellationToken).ConfigureAwait(false);
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

            return Text(json.RootElement, "NextToken");
        }, cancellationToken).ConfigureAwait(false);

        return accounts;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
