using System.Collections.Generic;

namespace AwsWiki.Clients;

// The few ELBv2 shapes the hand-written client reads, named as in the service model.

public sealed record LoadBalancerDescription(
    string LoadBalancerArn,
    string LoadBalancerName,
    string DnsName,
    string CanonicalHostedZoneId,
    string Scheme,
    string VpcId,
    string State,
    string IpAddressType,
    IReadOnlyList<string> SecurityGroups,
    IReadOnlyList<string> SubnetIds);

public sealed record TargetGroupDescription(
    string TargetGroupArn,
    string TargetGroupName,
    string Protocol,
    int Port,
    string VpcId,
    string? HealthCheckPath,
    IReadOnlyList<string> LoadBalancerArns);

public sealed record ListenerDescription(
    string ListenerArn,
    string LoadBalancerArn,
    int Port,
    string Protocol,
    string? SslPolicy,
    IReadOnlyList<string> CertificateArns,
    string? DefaultActionType,
    string? ForwardTargetGroupArn,
    string? RedirectProtocol,
    string? RedirectPort,
    string? RedirectStatusCode);

public sealed record TargetHealthDescription(string TargetId, int? Port, string State);

/// <summary>What CreateLoadBalancer needs for an internet-facing Application Load Balancer.</summary>
public sealed record NewLoadBalancer(
    string Name,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> SecurityGroupIds,
    string IpAddressType,
    IReadOnlyDictionary<string, string> Tags);

public sealed record NewTargetGroup(
    string Name,
    int Port,
    string VpcId,
    string HealthCheckPath,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>CreateListener input: either a redirect to HTTPS:443 or a forward to a target group.</summary>
public sealed record NewListener(
    string LoadBalancerArn,
    string Protocol,
    int Port,
    string? SslPolicy,
    string? CertificateArn,
    string? ForwardTargetGroupArn,
    IReadOnlyDictionary<string, string> Tags);
