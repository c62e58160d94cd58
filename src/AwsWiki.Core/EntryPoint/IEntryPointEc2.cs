using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.EntryPoint;

/// <summary>The EC2 calls the entry point workflow makes, so the workflow can be tested and reused without the SDK.</summary>
internal interface IEntryPointEc2
{
    /// <summary>Throws AwsWikiException "InstanceNotFound" naming the ids that do not exist.</summary>
    Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>Instances whose security groups include <paramref name="groupId"/>.</summary>
    Task<IReadOnlyList<Ec2Instance>> DescribeInstancesInGroupAsync(string groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(string? vpcId, IReadOnlyList<string>? subnetIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken cancellationToken);

    /// <summary>Groups that carry the tag <paramref name="tagKey"/>, whatever its value.</summary>
    Task<IReadOnlyList<Ec2SecurityGroup>> DescribeSecurityGroupsWithTagAsync(string tagKey, CancellationToken cancellationToken);

    Task<Ec2SecurityGroup?> DescribeSecurityGroupByNameAsync(string vpcId, string groupName, CancellationToken cancellationToken);

    Task<string> CreateSecurityGroupAsync(string vpcId, string groupName, string description, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken);

    Task AuthorizeIngressAsync(string groupId, Ec2IngressRule rule, CancellationToken cancellationToken);

    Task DeleteSecurityGroupAsync(string groupId, CancellationToken cancellationToken);

    Task SetInstanceSecurityGroupsAsync(string instanceId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken);
}
