using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>Tag lookups through AWSSDK.EC2 DescribeInstances.</summary>
internal sealed class Ec2InstanceDirectory : IInstanceDirectory, IDisposable
{
    private readonly ServiceClient<AmazonEC2Client> _client;

    public Ec2InstanceDirectory(AwsContext context)
    {
        _client = AwsClientFactory.Ec2(context);
    }

    public async Task<IReadOnlyList<string>> FindRunningInstancesAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> tags, CancellationToken cancellationToken)
    {
        var filters = tags.Select(tag => new Filter { Name = "tag:" + tag.Key, Values = tag.Value.ToList() }).ToList();
        filters.Add(new Filter { Name = "instance-state-name", Values = new List<string> { "running" } });
        var ids = new List<string>();
        var request = new DescribeInstancesRequest { Filters = filters, MaxResults = 1000 };
        await foreach (var response in _client.PagesAsync("DescribeInstances", client => client.Paginators.DescribeInstances(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var reservation in response.Reservations ?? new List<Reservation>())
            {
                ids.AddRange((reservation.Instances ?? new List<Instance>()).Select(instance => instance.InstanceId));
            }
        }

        return ids.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _client.Dispose();
}
