using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.Gpu.Topology;

/// <summary>Instance types through AWSSDK.EC2 DescribeInstances, filtered by instance-id so unknown ids are absent, not an error.</summary>
internal sealed class Ec2InstanceTypeLookup : IInstanceTypeLookup, IDisposable
{
    // DescribeInstances filter values: at most 200 per filter.
    private const int ChunkSize = 200;

    private readonly ServiceClient<AmazonEC2Client> _client;

    public Ec2InstanceTypeLookup(AwsContext context)
    {
        _client = AwsClientFactory.Ec2(context);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetInstanceTypesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in instanceIds.Where(id => id.StartsWith("i-", StringComparison.Ordinal)).Select((id, index) => (id, index))
                     .GroupBy(pair => pair.index / ChunkSize, pair => pair.id))
        {
            var request = new DescribeInstancesRequest
            {
                Filters = new List<Filter> { new() { Name = "instance-id", Values = chunk.ToList() } },
            };
            await foreach (var response in _client.PagesAsync("DescribeInstances", client => client.Paginators.DescribeInstances(request).Responses, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var instance in (response.Reservations ?? new List<Reservation>()).SelectMany(reservation => reservation.Instances ?? new List<Instance>()))
                {
                    if (instance.InstanceType?.Value is { Length: > 0 } type)
                    {
                        types[instance.InstanceId] = type;
                    }
                }
            }
        }

        return types;
    }

    public void Dispose() => _client.Dispose();
}
