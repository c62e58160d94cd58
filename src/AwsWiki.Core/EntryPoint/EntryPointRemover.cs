using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Finds what New-HttpsEntryPoint created for a domain, duplicates included, and lists the deletes
/// in reverse creation order, one step per resource so the cmdlet can ask ShouldProcess for each.
/// Only tagged resources and the records that point at them are touched.
/// </summary>
internal sealed class EntryPointRemover
{
    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;

    public EntryPointRemover(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    /// <summary>One delete: what it is (for ShouldProcess) and the call that does it.</summary>
    /// <param name="Action">e.g. "Delete load balancer".</param>
    /// <param name="Target">The ARN, id or record name.</param>
    public sealed record RemovalStep(string Action, string Target, Func<CancellationToken, Task> RunAsync);

    /// <summary>What a removal would delete; Steps is empty when nothing is found.</summary>
    public sealed record Removal(string DomainName, EntryPointResources Resources, IReadOnlyList<RemovalStep> Steps);

    public async Task<Removal> FindAsync(string domainName, bool keepCertificate, CancellationToken cancellationToken)
    {
        var domain = DomainNames.Normalize(domainName);
        var resources = await new EntryPointInventory(_clients).FindOneAsync(domain, cancellationToken).ConfigureAwait(false);
        var zone = EntryPointReader.ZoneFor(domain, await _clients.Route53.ListHostedZonesAsync(cancellationToken).ConfigureAwait(false));
        var deleter = new EntryPointDeleter(_clients, _reporter);
        var loadBalancers = new[] { resources.LoadBalancer?.LoadBalancerArn }.OfType<string>().Concat(resources.Duplicates.Where(IsLoadBalancer)).ToList();
        var targetGroups = new[] { resources.TargetGroup?.TargetGroupArn }.OfType<string>().Concat(resources.Duplicates.Where(IsTargetGroup)).ToList();
        var certificates = new[] { resources.OwnCertificateArn }.OfType<string>().Concat(resources.Duplicates.Where(IsCertificate)).ToList();
        var groups = new[] { resources.TargetsGroup, resources.LoadBalancerGroup }.OfType<Ec2SecurityGroup>()
            .Concat(resources.DuplicateGroups.OrderBy(g => g.Tags.TryGetValue(EntryPointTags.Role, out var r) && r == EntryPointTags.TargetGroupRuleRole ? 0 : 1))
            .ToList();

        var steps = new List<RemovalStep>();
        if (zone is not null && loadBalancers.Count > 0)
        {
            // Alias records that point at any of the domain's load balancers, duplicates included.
            var dnsNames = (await _clients.Elbv2.DescribeLoadBalancersByArnAsync(loadBalancers, cancellationToken).ConfigureAwait(false))
                .Select(l => l.DnsName.TrimEnd('.')).ToList();
            var aliases = (await _clients.Route53.ListResourceRecordSetsAsync(zone.Id, domain, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Type is "A" or "AAAA" && r.AliasDnsName is not null &&
                            dnsNames.Any(d => r.AliasDnsName.TrimEnd('.').EndsWith(d, StringComparison.OrdinalIgnoreCase)));
            steps.AddRange(aliases.Select(r => new RemovalStep($"Delete alias record {r.Type}", r.Name,
                t => deleter.DeleteRecordsAsync(zone.Id, new[] { r }, t))));
        }

        if (resources.HttpsListener is { } https)
        {
            steps.Add(new RemovalStep("Delete listener HTTPS:443", https.ListenerArn, t => deleter.DeleteListenerAsync(https.ListenerArn, t)));
        }

        if (resources.HttpListener is { } http)
        {
            steps.Add(new RemovalStep("Delete listener HTTP:80", http.ListenerArn, t => deleter.DeleteListenerAsync(http.ListenerArn, t)));
        }

        steps.AddRange(loadBalancers.Select(arn => new RemovalStep(Label("Delete load balancer", arn, resources), arn,
            t => deleter.DeleteLoadBalancerAsync(arn, t))));
        steps.AddRange(targetGroups.Select(arn => new RemovalStep(Label("Delete target group", arn, resources), arn,
            t => deleter.DeleteTargetGroupAsync(arn, t))));
        steps.AddRange(groups.Select(g => new RemovalStep(
            Label(g.Tags.TryGetValue(EntryPointTags.Role, out var r) && r == EntryPointTags.TargetGroupRuleRole
                ? "Delete security group (taken off the instances first)" : "Delete security group", g.GroupId, resources),
            g.GroupId, t => deleter.DeleteSecurityGroupAsync(g.GroupId, t))));

        if (!keepCertificate && certificates.Count > 0)
        {
            if (zone is not null)
            {
                foreach (var arn in certificates)
                {
                    var certificate = await _clients.Acm.DescribeCertificateAsync(arn, cancellationToken).ConfigureAwait(false);
                    foreach (var record in certificate?.ValidationRecords ?? new List<CertificateValidationRecord>())
                    {
                        var validation = (await _clients.Route53.ListResourceRecordSetsAsync(zone.Id, record.RecordName, cancellationToken).ConfigureAwait(false))
                            .Where(r => r.Type == "CNAME" && r.Values.Any(v => v.TrimEnd('.') == record.RecordValue.TrimEnd('.')));
                        foreach (var found in validation.Where(v => !steps.Any(s => s.Target == v.Name)))
                        {
                            steps.Add(new RemovalStep("Delete validation record CNAME", found.Name, t => deleter.DeleteRecordsAsync(zone.Id, new[] { found }, t)));
                        }
                    }
                }
            }

            steps.AddRange(certificates.Select(arn => new RemovalStep(Label("Delete certificate", arn, resources), arn,
                t => deleter.DeleteCertificateAsync(arn, t))));
        }

        return new Removal(domain, resources, steps);
    }

    private static string Label(string action, string id, EntryPointResources resources) =>
        resources.AllDuplicates.Contains(id) ? action + " (duplicate)" : action;

    private static bool IsLoadBalancer(string arn) => arn.Contains(":loadbalancer/");

    private static bool IsTargetGroup(string arn) => arn.Contains(":targetgroup/");

    private static bool IsCertificate(string arn) => arn.Contains(":certificate/");
}
