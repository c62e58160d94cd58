namespace AwsWiki.EntryPoint;

/// <summary>
/// One HTTPS entry point: the domain, its certificate, load balancer, listeners, target group and
/// records. List-valued facts are comma-separated strings so Export-Csv gives clean columns.
/// </summary>
public sealed class HttpsEntryPoint
{
    public string DomainName { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string? HostedZoneId { get; set; }

    public string? CertificateArn { get; set; }

    public string? CertificateStatus { get; set; }

    public string? LoadBalancerArn { get; set; }

    /// <summary>ELB's state code: provisioning, active, active_impaired or failed.</summary>
    public string? LoadBalancerState { get; set; }

    public string? LoadBalancerDnsName { get; set; }

    public string? CanonicalHostedZoneId { get; set; }

    public string? IpAddressType { get; set; }

    public string? TargetGroupArn { get; set; }

    public int TargetPort { get; set; }

    public string? HttpListenerArn { get; set; }

    public string? HttpsListenerArn { get; set; }

    /// <summary>The load balancer's group, then the group that lets it reach the instances.</summary>
    public string SecurityGroupIds { get; set; } = string.Empty;

    /// <summary>"instance-id=health" for each registered target.</summary>
    public string Targets { get; set; } = string.Empty;

    public int HealthyTargets { get; set; }

    public int TotalTargets { get; set; }

    /// <summary>ARNs and ids of second copies tagged for the same domain; empty when there are none.</summary>
    public string Duplicates { get; set; } = string.Empty;

    /// <summary>
    /// Ready when every part exists, the certificate is ISSUED and the load balancer active;
    /// otherwise Incomplete, Validating (certificate pending), CertNotIssued, Provisioning or Failed.
    /// </summary>
    public string State =>
        LoadBalancerArn is null || TargetGroupArn is null || HttpListenerArn is null || HttpsListenerArn is null || CertificateArn is null ? "Incomplete"
        : CertificateStatus == "PENDING_VALIDATION" ? "Validating"
        : CertificateStatus != "ISSUED" ? "CertNotIssued"
        : LoadBalancerState == "provisioning" ? "Provisioning"
        : LoadBalancerState == "failed" ? "Failed"
        : "Ready";

    public string? SslPolicy { get; set; }

    /// <summary>What this run created, e.g. "certificate, load-balancer"; empty when everything already existed.</summary>
    public string Created { get; set; } = string.Empty;
}
