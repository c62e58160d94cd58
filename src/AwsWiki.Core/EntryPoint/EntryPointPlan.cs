using System;
using System.Collections.Generic;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Validated inputs, what already exists, and what a run will create. Built by
/// <see cref="EntryPointPlanner"/> without changing anything; carried out by <see cref="EntryPointExecutor"/>.
/// </summary>
internal sealed class EntryPointPlan
{
    public string DomainName { get; init; } = string.Empty;

    /// <summary>The account the entry point is made in (from STS), for the certificate's idempotency token.</summary>
    public string AccountId { get; init; } = string.Empty;

    public string Region { get; init; } = string.Empty;

    /// <summary>The load balancer's and target group's name.</summary>
    public string Name { get; init; } = string.Empty;

    public HostedZoneSummary HostedZone { get; init; } = new(string.Empty, string.Empty, false);

    public string VpcId { get; init; } = string.Empty;

    public IReadOnlyList<Ec2Instance> Instances { get; init; } = Array.Empty<Ec2Instance>();

    public IReadOnlyList<string> SubnetIds { get; init; } = Array.Empty<string>();

    public string IpAddressType { get; init; } = "ipv4";

    public string SslPolicy { get; init; } = EntryPointRequest.RecommendedSslPolicy;

    public int TargetPort { get; init; }

    public string HealthCheckPath { get; init; } = "/";

    /// <summary>The user's tags; the executor adds the awswiki tags to each resource.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public TimeSpan CertificateTimeout { get; init; }

    public bool RollbackOnFailure { get; init; }

    /// <summary>Resources tagged for this domain by earlier runs.</summary>
    public EntryPointResources Existing { get; init; } = new(string.Empty);

    /// <summary>-CertificateArn, or an existing certificate covering the name; null when one will be requested.</summary>
    public string? CertificateArn { get; init; }

    public string? CertificateStatus { get; init; }

    /// <summary>The A/AAAA records for the domain as they are now.</summary>
    public IReadOnlyList<ResourceRecordSetInfo> ExistingRecords { get; init; } = Array.Empty<ResourceRecordSetInfo>();

    /// <summary>One line per resource the run will create, for -WhatIf and the confirmation prompt.</summary>
    public IReadOnlyList<string> ToCreate { get; init; } = Array.Empty<string>();
}
