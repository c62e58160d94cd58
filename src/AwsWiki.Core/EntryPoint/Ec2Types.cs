using System.Collections.Generic;

namespace AwsWiki.EntryPoint;

// The EC2 facts the entry point workflow reads, independent of the SDK's types.

internal sealed record Ec2Instance(string InstanceId, string VpcId, string? SubnetId, string State, IReadOnlyList<string> SecurityGroupIds);

internal sealed record Ec2Subnet(string SubnetId, string VpcId, string AvailabilityZone, bool MapPublicIpOnLaunch, bool DefaultForAz, bool HasIpv6Cidr);

/// <param name="SubnetIds">Subnets explicitly associated with the table.</param>
/// <param name="RoutesToInternetGateway">True when 0.0.0.0/0 or ::/0 goes to an igw-.</param>
internal sealed record Ec2RouteTable(string RouteTableId, bool IsMain, IReadOnlyList<string> SubnetIds, bool RoutesToInternetGateway);

/// <param name="IngressRules">Each rule as "port/source", source being a CIDR or a group id.</param>
internal sealed record Ec2SecurityGroup(string GroupId, string GroupName, string VpcId, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> IngressRules);

/// <summary>One TCP ingress rule: from a CIDR (IPv4 or IPv6) or from another security group.</summary>
internal sealed record Ec2IngressRule(int Port, string Source)
{
    public string Key => $"{Port}/{Source}";
}
