using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Finds what New-HttpsEntryPoint created for a domain and deletes it in reverse order. Only
/// tagged resources and the records that point at them are touched.
/// </summary>
public sealed class EntryPointRemover
{
    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;

    public EntryPointRemover(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    /// <summary>What a removal would delete, for -WhatIf; Steps is empty when nothing is found.</summary>
    public sealed record Removal(string DomainName, EntryPointResources Resources, HostedZoneSummary? Zone, IReadOnlyList<ResourceRecordSetInfo> AliasRecords,
        IReadOnlyList<ResourceRecordSetInfo> ValidationRecords, bool KeepCertificate, IReadOnlyList<string> Steps);

    public async Task<Removal> FindAsync(string domainName, bool keepCertificate, CancellationToken cancellationToken)
    {
        var domain = DomainNames.Normalize(domainName);
        var resources = await new EntryPointInventory(_clients).FindOneAsync(domain, cancellationToken).ConfigureAwait(false);
        var zone = EntryPointReader.ZoneFor(domain, await _clients.Route53.ListHostedZonesAsync(cancellationToken).ConfigureAwait(false));
        var aliases = new List<ResourceRecordSetInfo>();
        var validation = new List<ResourceRecordSetInfo>();
        if (zone is not null && resources.LoadBalancer is not null)
        {
            var dnsName = resources.LoadBalancer.DnsName.TrimEnd('.');
            aliases.AddRange((await _clients.Route53.ListResourceRecordSetsAsync(zone.Id, domain, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Type is "A" or "AAAA" && r.AliasDnsName is not null && r.AliasDnsName.EndsWith(dnsName, System.StringComparison.OrdinalIgnoreCase)));
        }

        if (zone is not null && resources.OwnCertificateArn is not null && !keepCertificate)
        {
            var certificate = await _clients.Acm.DescribeCertificateAsync(resources.OwnCertificateArn, cancellationToken).ConfigureAwait(false);
            foreach (var record in certificate?.ValidationRecords ?? new List<CertificateValidationRecord>())
            {
                validation.AddRange((await _clients.Route53.ListResourceRecordSetsAsync(zone.Id, record.RecordName, cancellationToken).ConfigureAwait(false))
                    .Where(r => r.Type == "CNAME" && r.Values.Any(v => v.TrimEnd('.') == record.RecordValue.TrimEnd('.'))));
            }
        }

        var steps = new List<string>();
        steps.AddRange(aliases.Select(r => $"alias record {r.Type} {r.Name}"));
        if (resources.HttpsListener is not null) steps.Add($"listener HTTPS:443 {resources.HttpsListener.ListenerArn}");
        if (resources.HttpListener is not null) steps.Add($"listener HTTP:80 {resources.HttpListener.ListenerArn}");
        if (resources.LoadBalancer is not null) steps.Add($"load balancer {resources.LoadBalancer.LoadBalancerArn}");
        if (resources.TargetGroup is not null) steps.Add($"target group {resources.TargetGroup.TargetGroupArn}");
        if (resources.TargetsGroup is not null) steps.Add($"security group {resources.TargetsGroup.GroupId} (taken off the instances first)");
        if (resources.LoadBalancerGroup is not null) steps.Add($"security group {resources.LoadBalancerGroup.GroupId}");
        steps.AddRange(validation.Select(r => $"validation record CNAME {r.Name}"));
        if (resources.OwnCertificateArn is not null && !keepCertificate) steps.Add($"certificate {resources.OwnCertificateArn}");
        steps.AddRange(resources.Extras.Select(e => $"duplicate {e}"));
        return new Removal(domain, resources, zone, aliases, validation, keepCertificate, steps);
    }

    public async Task RemoveAsync(Removal removal, CancellationToken cancellationToken)
    {
        var deleter = new EntryPointDeleter(_clients, _reporter);
        var resources = removal.Resources;
        if (removal.Zone is not null)
        {
            await deleter.DeleteRecordsAsync(removal.Zone.Id, removal.AliasRecords, cancellationToken).ConfigureAwait(false);
        }

        foreach (var listener in new[] { resources.HttpsListener, resources.HttpListener }.OfType<ListenerDescription>())
        {
            await deleter.DeleteListenerAsync(listener.ListenerArn, cancellationToken).ConfigureAwait(false);
        }

        foreach (var arn in new[] { resources.LoadBalancer?.LoadBalancerArn }.OfType<string>().Concat(resources.Extras.Where(e => e.Contains(":loadbalancer/"))))
        {
            await deleter.DeleteLoadBalancerAsync(arn, cancellationToken).ConfigureAwait(false);
        }

        foreach (var arn in new[] { resources.TargetGroup?.TargetGroupArn }.OfType<string>().Concat(resources.Extras.Where(e => e.Contains(":targetgroup/"))))
        {
            await deleter.DeleteTargetGroupAsync(arn, cancellationToken).ConfigureAwait(false);
        }

        foreach (var group in new[] { resources.TargetsGroup, resources.LoadBalancerGroup }.OfType<AwsWiki.EntryPoint.Ec2SecurityGroup>())
        {
            await deleter.DeleteSecurityGroupAsync(group.GroupId, cancellationToken).ConfigureAwait(false);
        }

        if (!removal.KeepCertificate)
        {
            if (removal.Zone is not null)
            {
                await deleter.DeleteRecordsAsync(removal.Zone.Id, removal.ValidationRecords, cancellationToken).ConfigureAwait(false);
            }

            foreach (var arn in new[] { resources.OwnCertificateArn }.OfType<string>().Concat(resources.Extras.Where(e => e.Contains(":certificate/"))))
            {
                await deleter.DeleteCertificateAsync(arn, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
