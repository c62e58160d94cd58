using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.EntryPoint;

/// <summary><see cref="IEntryPointEc2"/> on AWSSDK.EC2.</summary>
internal sealed class Ec2EntryPointClient : IEntryPointEc2, IDisposable
{
    private readonly ServiceClient<AmazonEC2Client> _ec2;

    public Ec2EntryPointClient(AwsContext context)
    {
        _ec2 = AwsClientFactory.Ec2(context);
    }

    public async Task<IReadOnlyList<Ec2Instance>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        try
        {
            var instances = await DescribeAsync(new DescribeInstancesRequest { InstanceIds = instanceIds.ToList() }, cancellationToken).ConfigureAwait(false);
            var missing = instanceIds.Except(instances.Select(i => i.InstanceId), StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw NotFound(missing);
            }

            return instances;
        }
        catch (AwsServiceException e) when (e.ServiceCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
        {
            throw Errors.InstanceNotFound.Wrap(e, string.Join(",", instanceIds), e.ServiceMessage);
        }
    }

    public Task<IReadOnlyList<Ec2Instance>> DescribeInstancesInGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        return DescribeAsync(new DescribeInstancesRequest
        {
            Filters = new List<Filter> { new() { Name = "instance.group-id", Values = new List<string> { groupId } } },
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(string? vpcId, IReadOnlyList<string>? subnetIds, CancellationToken cancellationToken)
    {
        var request = new DescribeSubnetsRequest();
        if (vpcId is not null)
        {
            request.Filters = new List<Filter> { new() { Name = "vpc-id", Values = new List<string> { vpcId } } };
        }

        if (subnetIds is { Count: > 0 })
        {
            request.SubnetIds = subnetIds.ToList();
        }

        try
        {
            var response = await _ec2.CallAsync("DescribeSubnets", (ec2, token) => ec2.DescribeSubnetsAsync(request, token), cancellationToken).ConfigureAwait(false);
            return (response.Subnets ?? new List<Subnet>()).Select(s => new Ec2Subnet(
                s.SubnetId, s.VpcId, s.AvailabilityZone, s.MapPublicIpOnLaunch ?? false, s.DefaultForAz ?? false,
                (s.Ipv6CidrBlockAssociationSet ?? new List<SubnetIpv6CidrBlockAssociation>()).Any(a => !string.IsNullOrEmpty(a.Ipv6CidrBlock))))
                .ToList();
        }
        catch (AwsServiceException e) when (e.ServiceCode is "InvalidSubnetID.NotFound" or "InvalidSubnetID.Malformed")
        {
            throw Errors.SubnetNotFound.Wrap(e, string.Join(",", subnetIds ?? Array.Empty<string>()), e.ServiceMessage);
        }
    }

    public async Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken cancellationToken)
    {
        var response = await _ec2.CallAsync("DescribeRouteTables", (ec2, token) => ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = new List<Filter> { new() { Name = "vpc-id", Values = new List<string> { vpcId } } },
        }, token), cancellationToken).ConfigureAwait(false);
        return (response.RouteTables ?? new List<RouteTable>()).Select(t =>
        {
            var associations = t.Associations ?? new List<RouteTableAssociation>();
            var toGateway = (t.Routes ?? new List<Route>()).Any(r =>
                (r.DestinationCidrBlock == "0.0.0.0/0" || r.DestinationIpv6CidrBlock == "::/0") &&
                r.GatewayId is not null && r.GatewayId.StartsWith("igw-", StringComparison.Ordinal));
            return new Ec2RouteTable(t.RouteTableId, associations.Any(a => a.Main == true),
                associations.Select(a => a.SubnetId).Where(s => !string.IsNullOrEmpty(s)).ToList(), toGateway);
        }).ToList();
    }

    public Task<IReadOnlyList<Ec2SecurityGroup>> DescribeSecurityGroupsWithTagAsync(string tagKey, CancellationToken cancellationToken)
    {
        return DescribeGroupsAsync(new List<Filter> { new() { Name = "tag-key", Values = new List<string> { tagKey } } }, cancellationToken);
    }

    public async Task<Ec2SecurityGroup?> DescribeSecurityGroupByNameAsync(string vpcId, string groupName, CancellationToken cancellationToken)
    {
        var groups = await DescribeGroupsAsync(new List<Filter>
        {
            new() { Name = "vpc-id", Values = new List<string> { vpcId } },
            new() { Name = "group-name", Values = new List<string> { groupName } },
        }, cancellationToken).ConfigureAwait(false);
        return groups.FirstOrDefault();
    }

    public async Task<string> CreateSecurityGroupAsync(string vpcId, string groupName, string description, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        var response = await _ec2.CallAsync("CreateSecurityGroup", (ec2, token) => ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = groupName,
            Description = description,
            VpcId = vpcId,
            TagSpecifications = new List<TagSpecification>
            {
                new() { ResourceType = ResourceType.SecurityGroup, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() },
            },
        }, token), cancellationToken).ConfigureAwait(false);
        return response.GroupId;
    }

    public async Task AuthorizeIngressAsync(string groupId, Ec2IngressRule rule, CancellationToken cancellationToken)
    {
        var permission = new IpPermission { IpProtocol = "tcp", FromPort = rule.Port, ToPort = rule.Port };
        if (rule.Source.StartsWith("sg-", StringComparison.Ordinal))
        {
            permission.UserIdGroupPairs = new List<UserIdGroupPair> { new() { GroupId = rule.Source } };
        }
        else if (rule.Source.Contains(":"))
        {
            permission.Ipv6Ranges = new List<Ipv6Range> { new() { CidrIpv6 = rule.Source } };
        }
        else
        {
            permission.Ipv4Ranges = new List<IpRange> { new() { CidrIp = rule.Source } };
        }

        try
        {
            await _ec2.CallAsync("AuthorizeSecurityGroupIngress", (ec2, token) => ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                IpPermissions = new List<IpPermission> { permission },
            }, token), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InvalidPermission.Duplicate")
        {
            // Already there: a retried request or an earlier run got it in.
        }
    }

    public async Task DeleteSecurityGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        try
        {
            await _ec2.CallAsync("DeleteSecurityGroup", (ec2, token) => ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId }, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InvalidGroup.NotFound")
        {
            // Gone already.
        }
    }

    public Task SetInstanceSecurityGroupsAsync(string instanceId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        return _ec2.CallAsync("ModifyInstanceAttribute",
            (ec2, token) => ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = instanceId, Groups = groupIds.ToList() }, token),
            cancellationToken);
    }

    public void Dispose() => _ec2.Dispose();

    private static AwsWikiException NotFound(IReadOnlyList<string> missing) =>
        Errors.InstanceNotFound.New(string.Join(",", missing), string.Join(", ", missing));

    private async Task<IReadOnlyList<Ec2Instance>> DescribeAsync(DescribeInstancesRequest request, CancellationToken cancellationToken)
    {
        var result = new List<Ec2Instance>();
        var pages = _ec2.PagesAsync("DescribeInstances", ec2 => ec2.Paginators.DescribeInstances(request).Responses, cancellationToken);
        await foreach (var response in pages.ConfigureAwait(false))
        {
            foreach (var instance in (response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()))
            {
                if (instance.State?.Name == InstanceStateName.Terminated)
                {
                    continue;
                }

                result.Add(new Ec2Instance(instance.InstanceId, instance.VpcId ?? string.Empty, instance.SubnetId, instance.State?.Name?.Value ?? "unknown",
                    (instance.SecurityGroups ?? new List<GroupIdentifier>()).Select(g => g.GroupId).ToList()));
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<Ec2SecurityGroup>> DescribeGroupsAsync(List<Filter> filters, CancellationToken cancellationToken)
    {
        var response = await _ec2.CallAsync("DescribeSecurityGroups",
            (ec2, token) => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters }, token), cancellationToken).ConfigureAwait(false);
        return (response.SecurityGroups ?? new List<SecurityGroup>()).Select(g => new Ec2SecurityGroup(
            g.GroupId, g.GroupName, g.VpcId,
            (g.Tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(t => t.Key, t => t.First().Value),
            (g.IpPermissions ?? new List<IpPermission>()).SelectMany(RulesOf).ToList())).ToList();
    }

    private static IEnumerable<string> RulesOf(IpPermission permission)
    {
        var port = permission.FromPort ?? 0;
        foreach (var range in permission.Ipv4Ranges ?? new List<IpRange>())
        {
            yield return $"{port}/{range.CidrIp}";
        }

        foreach (var range in permission.Ipv6Ranges ?? new List<Ipv6Range>())
        {
            yield return $"{port}/{range.CidrIpv6}";
        }

        foreach (var pair in permission.UserIdGroupPairs ?? new List<UserIdGroupPair>())
        {
            yield return $"{port}/{pair.GroupId}";
        }
    }
}
