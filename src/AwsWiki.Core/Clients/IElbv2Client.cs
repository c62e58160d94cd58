using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>The Elastic Load Balancing v2 operations AwsWiki uses; swappable for AWSSDK.ElasticLoadBalancingV2.</summary>
internal interface IElbv2Client
{
    /// <summary>By name; an empty list when none has that name.</summary>
    Task<IReadOnlyList<LoadBalancerDescription>> DescribeLoadBalancersAsync(IEnumerable<string>? names, CancellationToken cancellationToken);

    Task<LoadBalancerDescription> CreateLoadBalancerAsync(NewLoadBalancer request, CancellationToken cancellationToken);

    Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken cancellationToken);

    /// <summary>By name; an empty list when none has that name.</summary>
    Task<IReadOnlyList<TargetGroupDescription>> DescribeTargetGroupsAsync(IEnumerable<string>? names, CancellationToken cancellationToken);

    Task<TargetGroupDescription> CreateTargetGroupAsync(NewTargetGroup request, CancellationToken cancellationToken);

    Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken cancellationToken);

    Task RegisterTargetsAsync(string targetGroupArn, IEnumerable<string> instanceIds, int port, CancellationToken cancellationToken);

    Task<IReadOnlyList<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken);

    Task<IReadOnlyList<ListenerDescription>> DescribeListenersAsync(string loadBalancerArn, CancellationToken cancellationToken);

    Task<ListenerDescription> CreateListenerAsync(NewListener request, CancellationToken cancellationToken);

    Task DeleteListenerAsync(string listenerArn, CancellationToken cancellationToken);

    /// <summary>Tags per resource ARN (load balancers, target groups, listeners).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> DescribeTagsAsync(IEnumerable<string> resourceArns, CancellationToken cancellationToken);

    /// <summary>By ARN (batches of 20); ARNs that no longer exist are left out, not an error.</summary>
    Task<IReadOnlyList<LoadBalancerDescription>> DescribeLoadBalancersByArnAsync(IEnumerable<string> loadBalancerArns, CancellationToken cancellationToken);

    /// <summary>By ARN (batches of 20); ARNs that no longer exist are left out, not an error.</summary>
    Task<IReadOnlyList<TargetGroupDescription>> DescribeTargetGroupsByArnAsync(IEnumerable<string> targetGroupArns, CancellationToken cancellationToken);

    /// <summary>The names among <paramref name="names"/> the service knows as SSL policies.</summary>
    Task<IReadOnlyList<string>> DescribeSslPoliciesAsync(IEnumerable<string> names, CancellationToken cancellationToken);
}
