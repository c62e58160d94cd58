using System;
using System.Collections.Generic;

namespace AwsWiki.EntryPoint;

/// <summary>The inputs of New-HttpsEntryPoint, before validation.</summary>
internal sealed class EntryPointRequest
{
    public const string RecommendedSslPolicy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

    public string DomainName { get; set; } = string.Empty;

    public IReadOnlyList<string> InstanceIds { get; set; } = Array.Empty<string>();

    public int TargetPort { get; set; } = 8080;

    public string? HostedZoneId { get; set; }

    public string? CertificateArn { get; set; }

    public IReadOnlyList<string>? SubnetIds { get; set; }

    /// <summary>"ipv4", "dualstack", or null to choose from the subnets.</summary>
    public string? IpAddressType { get; set; }

    public string HealthCheckPath { get; set; } = "/";

    public string SslPolicy { get; set; } = RecommendedSslPolicy;

    public string? Name { get; set; }

    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

    public TimeSpan CertificateTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public bool RollbackOnFailure { get; set; }
}
