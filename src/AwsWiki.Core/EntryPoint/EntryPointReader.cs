using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>Rebuilds <see cref="HttpsEntryPoint"/> objects from the tags and the live resources, target health included.</summary>
internal sealed class EntryPointReader
{
    private readonly EntryPointClients _clients;

    public EntryPointReader(EntryPointClients clients) => _clients = clients;

    /// <param name="exactDomain">When the caller asks for one domain (no wildcard), the tag query asks for it alone.</param>
    public async Task<IReadOnlyList<HttpsEntryPoint>> ReadAsync(Func<string, bool> domainFilter, CancellationToken cancellationToken, string? exactDomain = null)
    {
        var found = await new EntryPointInventory(_clients).FindAsync(domainFilter, cancellationToken, exactDomain).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return Array.Empty<HttpsEntryPoint>();
        }

        var zones = await _clients.Route53.ListHostedZonesAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<HttpsEntryPoint>();
        foreach (var resources in found.Values)
        {
            result.Add(await BuildAsync(resources, zones, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    public static int CountHealthy(IEnumerable<TargetHealthDescription> health) => health.Count(h => h.State == "healthy");

    public static string FormatTargets(IEnumerable<TargetHealthDescription> health)
    {
        return string.Join(", ", health.OrderBy(h => h.TargetId, StringComparer.Ordinal).Select(h => $"{h.TargetId}={h.State}"));
    }

    /// <summary>The public zone that holds the domain (longest suffix), or null.</summary>
    public static HostedZoneSummary? ZoneFor(string domainName, IEnumerable<HostedZoneSummary> zones)
    {
        return zones.Where(z => !z.PrivateZone && DomainNames.IsWithin(domainName, z.Name)).OrderByDescending(z => z.Name.Length).FirstOrDefault();
    }

    private async Task<HttpsEntryPoint> BuildAsync(EntryPointResources resources, IReadOnlyList<HostedZoneSummary> zones, CancellationToken cancellationToken)
    {
        var loadBalancer = resources.LoadBalancer;
        var targetGroup = resources.TargetGroup;
        var certificateArn = resources.HttpsListener?.CertificateArns.FirstOrDefault() ?? resources.OwnCertificateArn;
        var certificate = certificateArn is null ? null : await _clients.Acm.DescribeCertificateAsync(certificateArn, cancellationToken).ConfigureAwait(false);
        var health = targetGroup is null
            ? Array.Empty<TargetHealthDescription>()
            : await _clients.Elbv2.DescribeTargetHealthAsync(targetGroup.TargetGroupArn, cancellationToken).ConfigureAwait(false);
        return new HttpsEntryPoint
        {
            DomainName = resources.DomainName,
            Url = $"https://{resources.DomainName}/",
            HostedZoneId = ZoneFor(resources.DomainName, zones)?.Id,
            CertificateArn = certificateArn,
            CertificateStatus = certificate?.Status,
            LoadBalancerArn = loadBalancer?.LoadBalancerArn,
            LoadBalancerState = loadBalancer?.State,
            LoadBalancerDnsName = loadBalancer?.DnsName,
            CanonicalHostedZoneId = loadBalancer?.CanonicalHostedZoneId,
            IpAddressType = loadBalancer?.IpAddressType,
            TargetGroupArn = targetGroup?.TargetGroupArn,
            TargetPort = targetGroup?.Port ?? 0,
            HttpListenerArn = resources.HttpListener?.ListenerArn,
            HttpsListenerArn = resources.HttpsListener?.ListenerArn,
            SecurityGroupIds = string.Join(", ", new[] { resources.LoadBalancerGroup?.GroupId, resources.TargetsGroup?.GroupId }.OfType<string>()),
            Targets = FormatTargets(health),
            HealthyTargets = CountHealthy(health),
            TotalTargets = health.Count,
            SslPolicy = resources.HttpsListener?.SslPolicy,
            Duplicates = string.Join(", ", resources.AllDuplicates),
        };
    }
}
