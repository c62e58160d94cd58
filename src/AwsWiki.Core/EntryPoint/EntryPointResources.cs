using System.Collections.Generic;
using System.Linq;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>What exists, tagged for one domain: found by <see cref="EntryPointInventory"/>.</summary>
internal sealed class EntryPointResources
{
    public EntryPointResources(string domainName) => DomainName = domainName;

    public string DomainName { get; }

    public LoadBalancerDescription? LoadBalancer { get; set; }

    public TargetGroupDescription? TargetGroup { get; set; }

    public ListenerDescription? HttpListener { get; set; }

    public ListenerDescription? HttpsListener { get; set; }

    public Ec2SecurityGroup? LoadBalancerGroup { get; set; }

    public Ec2SecurityGroup? TargetsGroup { get; set; }

    /// <summary>A certificate this module requested for the domain (tagged), if any.</summary>
    public string? OwnCertificateArn { get; set; }

    /// <summary>
    /// ARNs of second copies tagged for the same domain (load balancers, target groups, certificates):
    /// made by older versions racing each other, or by hand. Get reports them; Remove deletes them too.
    /// </summary>
    public List<string> Duplicates { get; } = new();

    /// <summary>Second security groups with the same role, as <see cref="Duplicates"/>.</summary>
    public List<Ec2SecurityGroup> DuplicateGroups { get; } = new();

    /// <summary>Every duplicate, ARNs then group ids, for messages and the Duplicates property.</summary>
    public IEnumerable<string> AllDuplicates => Duplicates.Concat(DuplicateGroups.Select(g => g.GroupId));
}
