using System;
using System.Collections.Generic;

namespace AwsWiki.EntryPoint;

/// <summary>The tags that mark what New-HttpsEntryPoint created, so later runs and Remove find exactly that.</summary>
internal static class EntryPointTags
{
    /// <summary>Value: the domain name the resource serves.</summary>
    public const string EntryPoint = "awswiki:entry-point";

    /// <summary>Value: one of the role constants below; tells apart the two security groups and the two listeners.</summary>
    public const string Role = "awswiki:role";

    public const string LoadBalancerRole = "load-balancer";
    public const string TargetGroupRole = "target-group";
    public const string LoadBalancerGroupRole = "load-balancer-security-group";
    public const string TargetGroupRuleRole = "targets-security-group";
    public const string CertificateRole = "certificate";
    public const string HttpListenerRole = "http-listener";
    public const string HttpsListenerRole = "https-listener";

    /// <summary>The user's tags plus the entry point and role tags, for one resource of the plan.</summary>
    public static IReadOnlyDictionary<string, string> For(EntryPointPlan plan, string role)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in plan.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        tags[EntryPoint] = plan.DomainName;
        tags[Role] = role;
        return tags;
    }
}
