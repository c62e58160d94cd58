using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Finds the resources tagged <c>awswiki:entry-point</c>, grouped by domain. Only reads, and only
/// what is tagged: one Resource Groups Tagging API query (all pages) names the certificates, load
/// balancers and target groups, one EC2 query the security groups, and only those are described,
/// so the number of calls does not grow with the unrelated resources in the region.
/// </summary>
internal sealed class EntryPointInventory
{
    /// <summary>"acm" rather than "acm:certificate": both are valid, and certificates are ACM's only taggable type.</summary>
    private static readonly string[] TaggedTypes = { "acm", "elasticloadbalancing:loadbalancer", "elasticloadbalancing:targetgroup" };

    private readonly EntryPointClients _clients;

    public EntryPointInventory(EntryPointClients clients) => _clients = clients;

    /// <summary>Entry points whose domain passes <paramref name="domainFilter"/>, keyed by domain.</summary>
    /// <param name="exactDomain">When known, the tag query asks for that value only.</param>
    public async Task<IReadOnlyDictionary<string, EntryPointResources>> FindAsync(Func<string, bool> domainFilter, CancellationToken cancellationToken,
        string? exactDomain = null)
    {
        var found = new SortedDictionary<string, EntryPointResources>(StringComparer.Ordinal);
        EntryPointResources For(string domain) => found.TryGetValue(domain, out var r) ? r : found[domain] = new EntryPointResources(domain);

        var tagged = await _clients.Tagging.GetResourcesAsync(EntryPointTags.EntryPoint, exactDomain is null ? null : new[] { exactDomain }, TaggedTypes,
            cancellationToken).ConfigureAwait(false);
        var ours = tagged.Where(r => r.Tags.TryGetValue(EntryPointTags.EntryPoint, out var d) && domainFilter(d)).ToList();
        string DomainOf(string arn) => ours.First(r => r.ResourceArn == arn).Tags[EntryPointTags.EntryPoint];

        var loadBalancerArns = ours.Where(r => r.ResourceArn.Contains(":loadbalancer/")).Select(r => r.ResourceArn).ToList();
        var targetGroupArns = ours.Where(r => r.ResourceArn.Contains(":targetgroup/")).Select(r => r.ResourceArn).ToList();
        var loadBalancers = loadBalancerArns.Count == 0
            ? Array.Empty<LoadBalancerDescription>()
            : await _clients.Elbv2.DescribeLoadBalancersByArnAsync(loadBalancerArns, cancellationToken).ConfigureAwait(false);
        var targetGroups = targetGroupArns.Count == 0
            ? Array.Empty<TargetGroupDescription>()
            : await _clients.Elbv2.DescribeTargetGroupsByArnAsync(targetGroupArns, cancellationToken).ConfigureAwait(false);

        foreach (var group in loadBalancers.GroupBy(l => DomainOf(l.LoadBalancerArn)))
        {
            var preferred = DomainNames.DefaultResourceName(group.Key);
            var ordered = group.OrderBy(l => l.LoadBalancerName == preferred ? 0 : 1).ThenBy(l => l.LoadBalancerArn, StringComparer.Ordinal).ToList();
            For(group.Key).LoadBalancer = ordered[0];
            For(group.Key).Duplicates.AddRange(ordered.Skip(1).Select(l => l.LoadBalancerArn));
        }

        foreach (var resources in found.Values.Where(r => r.LoadBalancer is not null))
        {
            var listeners = await _clients.Elbv2.DescribeListenersAsync(resources.LoadBalancer!.LoadBalancerArn, cancellationToken).ConfigureAwait(false);
            resources.HttpListener = listeners.FirstOrDefault(l => l.Port == 80);
            resources.HttpsListener = listeners.FirstOrDefault(l => l.Port == 443);
        }

        foreach (var group in targetGroups.GroupBy(t => DomainOf(t.TargetGroupArn)))
        {
            // The one the HTTPS listener forwards to, else the one with the default name.
            var resources = For(group.Key);
            var preferred = DomainNames.DefaultResourceName(group.Key);
            var ordered = group.OrderBy(t => t.TargetGroupArn == resources.HttpsListener?.ForwardTargetGroupArn ? 0 : 1)
                .ThenBy(t => t.TargetGroupName == preferred ? 0 : 1).ThenBy(t => t.TargetGroupArn, StringComparer.Ordinal).ToList();
            resources.TargetGroup = ordered[0];
            resources.Duplicates.AddRange(ordered.Skip(1).Select(t => t.TargetGroupArn));
        }

        foreach (var group in ours.Where(r => r.ResourceArn.Contains(":acm:")).GroupBy(r => r.Tags[EntryPointTags.EntryPoint]))
        {
            // The one the HTTPS listener serves, else the oldest name-wise stable choice.
            var resources = For(group.Key);
            var served = resources.HttpsListener?.CertificateArns ?? Array.Empty<string>();
            var ordered = group.Select(r => r.ResourceArn).OrderBy(a => served.Contains(a) ? 0 : 1).ThenBy(a => a, StringComparer.Ordinal).ToList();
            resources.OwnCertificateArn = ordered[0];
            resources.Duplicates.AddRange(ordered.Skip(1));
        }

        // Security groups: one tag query finds every domain's groups; the role tag tells the two apart.
        var groups = await _clients.Ec2.DescribeSecurityGroupsWithTagAsync(EntryPointTags.EntryPoint, cancellationToken).ConfigureAwait(false);
        foreach (var byRole in groups
                     .Where(g => g.Tags.TryGetValue(EntryPointTags.EntryPoint, out var d) && domainFilter(d) && g.Tags.ContainsKey(EntryPointTags.Role))
                     .GroupBy(g => (Domain: g.Tags[EntryPointTags.EntryPoint], Role: g.Tags[EntryPointTags.Role])))
        {
            var resources = For(byRole.Key.Domain);
            var inUse = resources.LoadBalancer?.SecurityGroups ?? Array.Empty<string>();
            var ordered = byRole.OrderBy(g => inUse.Contains(g.GroupId) ? 0 : 1).ThenBy(g => g.GroupId, StringComparer.Ordinal).ToList();
            if (byRole.Key.Role == EntryPointTags.LoadBalancerGroupRole)
            {
                resources.LoadBalancerGroup = ordered[0];
            }
            else if (byRole.Key.Role == EntryPointTags.TargetGroupRuleRole)
            {
                resources.TargetsGroup = ordered[0];
            }
            else
            {
                continue;
            }

            resources.DuplicateGroups.AddRange(ordered.Skip(1));
        }

        return found;
    }

    public async Task<EntryPointResources> FindOneAsync(string domainName, CancellationToken cancellationToken)
    {
        var all = await FindAsync(d => d == domainName, cancellationToken, domainName).ConfigureAwait(false);
        return all.TryGetValue(domainName, out var resources) ? resources : new EntryPointResources(domainName);
    }
}
