using System.Collections.Generic;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>What exists, tagged for one domain: found by <see cref="EntryPointInventory"/>.</summary>
public sealed class EntryPointResources
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

    /// <summary>Extra copies found (a crash between a create and its tagging); Remove deletes them too.</summary>
    public List<string> Extras { get; } = new();
}
