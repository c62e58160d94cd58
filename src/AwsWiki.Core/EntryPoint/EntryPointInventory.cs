using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>Finds the resources tagged <c>awswiki:entry-point</c>, grouped by domain. Only reads.</summary>
public sealed class EntryPointInventory
{
    private static readonly string[] AllCertificateStatuses =
        { "PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED" };

    private readonly EntryPointClients _clients;

    public EntryPointInventory(EntryPointClients clients) => _clients = clients;

    /// <summary>Entry points whose domain passes <paramref name="domainFilter"/>, keyed by domain.</summary>
    public async Task<IReadOnlyDictionary<string, EntryPointResources>> FindAsync(Func<string, bool> domainFilter, CancellationToken cancellationToken)
    {
        var found = new SortedDictionary<string, EntryPointResources>(StringComparer.Ordinal);
        EntryPointResources For(string domain) => found.TryGetValue(domain, out var r) ? r : found[domain] = new EntryPointResources(domain);

        var loadBalancers = await _clients.Elbv2.DescribeLoadBalancersAsync(null, cancellationToken).ConfigureAwait(false);
        var targetGroups = await _clients.Elbv2.DescribeTargetGroupsAsync(null, cancellationToken).ConfigureAwait(false);
        var arns = loadBalancers.Select(l => l.LoadBalancerArn).Concat(targetGroups.Select(t => t.TargetGroupArn)).ToList();
        var tags = arns.Count == 0
            ? new Dictionary<string, IReadOnlyDictionary<string, string>>()
            : await _clients.Elbv2.DescribeTagsAsync(arns, cancellationToken).ConfigureAwait(false);

        foreach (var loadBalancer in loadBalancers)
        {
            if (DomainOf(tags, loadBalancer.LoadBalancerArn) is { } domain && domainFilter(domain))
            {
                var resources = For(domain);
                if (resources.LoadBalancer is null)
                {
                    resources.LoadBalancer = loadBalancer;
                }
                else
                {
                    resources.Extras.Add(loadBalancer.LoadBalancerArn);
                }
            }
        }

        foreach (var targetGroup in targetGroups)
        {
            if (DomainOf(tags, targetGroup.TargetGroupArn) is { } domain && domainFilter(domain))
            {
                var resources = For(domain);
                if (resources.TargetGroup is null)
                {
                    resources.TargetGroup = targetGroup;
                }
                else
                {
                    resources.Extras.Add(targetGroup.TargetGroupArn);
                }
            }
        }

        foreach (var resources in found.Values.Where(r => r.LoadBalancer is not null))
        {
            var listeners = await _clients.Elbv2.DescribeListenersAsync(resources.LoadBalancer!.LoadBalancerArn, cancellationToken).ConfigureAwait(false);
            resources.HttpListener = listeners.FirstOrDefault(l => l.Port == 80);
            resources.HttpsListener = listeners.FirstOrDefault(l => l.Port == 443);
        }

        // Security groups: one tag query finds every domain's groups; the role tag tells the two apart.
        var groups = await _clients.Ec2.DescribeSecurityGroupsWithTagAsync(EntryPointTags.EntryPoint, cancellationToken).ConfigureAwait(false);
        foreach (var group in groups)
        {
            if (group.Tags.TryGetValue(EntryPointTags.EntryPoint, out var domain) && domainFilter(domain) && group.Tags.TryGetValue(EntryPointTags.Role, out var role))
            {
                var resources = For(domain);
                if (role == EntryPointTags.LoadBalancerGroupRole)
                {
                    resources.LoadBalancerGroup = group;
                }
                else if (role == EntryPointTags.TargetGroupRuleRole)
                {
                    resources.TargetsGroup = group;
                }
            }
        }

        foreach (var certificateArn in await _clients.Acm.ListCertificatesAsync(AllCertificateStatuses, cancellationToken).ConfigureAwait(false))
        {
            var certificateTags = await _clients.Acm.ListTagsForCertificateAsync(certificateArn, cancellationToken).ConfigureAwait(false);
            if (certificateTags.TryGetValue(EntryPointTags.EntryPoint, out var domain) && domainFilter(domain))
            {
                var resources = For(domain);
                if (resources.OwnCertificateArn is null)
                {
                    resources.OwnCertificateArn = certificateArn;
                }
                else
                {
                    resources.Extras.Add(certificateArn);
                }
            }
        }

        return found;
    }

    public async Task<EntryPointResources> FindOneAsync(string domainName, CancellationToken cancellationToken)
    {
        var all = await FindAsync(d => d == domainName, cancellationToken).ConfigureAwait(false);
        return all.TryGetValue(domainName, out var resources) ? resources : new EntryPointResources(domainName);
    }

    private static string? DomainOf(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tags, string arn)
    {
        return tags.TryGetValue(arn, out var resourceTags) && resourceTags.TryGetValue(EntryPointTags.EntryPoint, out var domain) ? domain : null;
    }
}
