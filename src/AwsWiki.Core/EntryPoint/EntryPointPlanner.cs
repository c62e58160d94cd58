using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Checks every input of New-HttpsEntryPoint against the account and builds the plan. Only reads:
/// a bad input fails here, before anything is created.
/// </summary>
internal sealed class EntryPointPlanner
{
    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;

    public EntryPointPlanner(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    public async Task<EntryPointPlan> PlanAsync(EntryPointRequest request, CancellationToken cancellationToken)
    {
        // Checks that need no call come first.
        var domain = DomainNames.Normalize(request.DomainName);
        ValidateLocalInputs(request);
        var name = DomainNames.ValidateResourceName(request.Name ?? DomainNames.DefaultResourceName(domain));

        var (account, _, _) = await _clients.Identity.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        _reporter.Verbose($"Looking for the hosted zone of {domain}.");
        var zone = await FindZoneAsync(domain, request.HostedZoneId, cancellationToken).ConfigureAwait(false);

        var instanceIds = request.InstanceIds.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var instances = await _clients.Ec2.DescribeInstancesAsync(instanceIds, cancellationToken).ConfigureAwait(false);
        var vpcs = instances.Select(i => i.VpcId).Distinct(StringComparer.Ordinal).ToList();
        if (vpcs.Count != 1 || vpcs[0].Length == 0)
        {
            throw Errors.InstancesInDifferentVpcs.New(string.Join(",", instanceIds),
                UserText.Composed(string.Join(", ", instances.Select(i => $"{i.InstanceId} in {(i.VpcId.Length == 0 ? "no VPC" : i.VpcId)}"))));
        }

        var vpcId = vpcs[0];
        var subnets = await ChooseSubnetsAsync(vpcId, request.SubnetIds, cancellationToken).ConfigureAwait(false);
        var ipAddressType = request.IpAddressType ?? (subnets.All(s => s.HasIpv6Cidr) ? "dualstack" : "ipv4");
        if (ipAddressType == "dualstack" && !subnets.All(s => s.HasIpv6Cidr))
        {
            throw Errors.SubnetsLackIpv6.New(string.Join(",", subnets.Select(s => s.SubnetId)));
        }

        await ValidateSslPolicyAsync(request.SslPolicy, cancellationToken).ConfigureAwait(false);

        var existing = await new EntryPointInventory(_clients).FindOneAsync(domain, cancellationToken).ConfigureAwait(false);
        if (existing.AllDuplicates.Any())
        {
            _reporter.Warning($"The entry point for {domain} has duplicates (older versions racing, or made by hand): {string.Join(", ", existing.AllDuplicates)}. " +
                $"This run uses and completes one copy; Remove-HttpsEntryPoint {domain} removes them all.");
        }

        var (certificateArn, certificateStatus) = await FindCertificateAsync(domain, request.CertificateArn, existing, cancellationToken).ConfigureAwait(false);

        var records = (await _clients.Route53.ListResourceRecordSetsAsync(zone.Id, domain, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Type is "A" or "AAAA" or "CNAME").ToList();
        var foreign = records.FirstOrDefault(r => r.AliasDnsName is null ||
            existing.LoadBalancer is null || !r.AliasDnsName.EndsWith(existing.LoadBalancer.DnsName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
        if (foreign is not null)
        {
            throw Errors.DomainRecordExists.New(domain, zone.Name, foreign.Type, domain);
        }

        var plan = new EntryPointPlan
        {
            DomainName = domain,
            AccountId = account,
            Region = _clients.Region,
            Name = name,
            HostedZone = zone,
            VpcId = vpcId,
            Instances = instances,
            SubnetIds = subnets.Select(s => s.SubnetId).ToList(),
            IpAddressType = ipAddressType,
            SslPolicy = request.SslPolicy,
            TargetPort = request.TargetPort,
            HealthCheckPath = request.HealthCheckPath,
            Tags = request.Tags,
            CertificateTimeout = request.CertificateTimeout,
            RollbackOnFailure = request.RollbackOnFailure,
            Existing = existing,
            CertificateArn = certificateArn,
            CertificateStatus = certificateStatus,
            ExistingRecords = records,
            ToCreate = Describe(domain, name, zone, vpcId, subnets, ipAddressType, request, existing, certificateArn, records, instances),
        };
        return plan;
    }

    private static void ValidateLocalInputs(EntryPointRequest request)
    {
        if (request.TargetPort == 80 || request.TargetPort < 1 || request.TargetPort > 65535)
        {
            throw Errors.InvalidTargetPort.New(request.TargetPort, request.TargetPort);
        }

        if (request.InstanceIds.All(string.IsNullOrWhiteSpace))
        {
            throw Errors.NoInstances.New(null);
        }

        if (string.IsNullOrEmpty(request.HealthCheckPath) || request.HealthCheckPath[0] != '/' || request.HealthCheckPath.Length > 1024)
        {
            throw Errors.InvalidHealthCheckPath.New(request.HealthCheckPath, request.HealthCheckPath);
        }

        if (request.CertificateTimeout <= TimeSpan.Zero)
        {
            throw Errors.InvalidCertificateTimeout.New(request.CertificateTimeout);
        }

        if (request.CertificateArn is { } arn)
        {
            var region = DomainNames.RegionOfArn(arn);
            if (region is null || !arn.Contains(":acm:"))
            {
                throw Errors.InvalidCertificateArn.New(arn, arn);
            }
        }
    }

    private async Task<HostedZoneSummary> FindZoneAsync(string domain, string? hostedZoneId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(hostedZoneId))
        {
            var zone = await _clients.Route53.GetHostedZoneAsync(hostedZoneId!, cancellationToken).ConfigureAwait(false)
                ?? throw Errors.HostedZoneNotFound.New(hostedZoneId, "has the id " + hostedZoneId);
            if (!DomainNames.IsWithin(domain, zone.Name))
            {
                throw Errors.HostedZoneDoesNotMatch.New(hostedZoneId, domain, zone.Id, zone.Name);
            }

            return zone;
        }

        var zones = await _clients.Route53.ListHostedZonesAsync(cancellationToken).ConfigureAwait(false);
        return zones.Where(z => !z.PrivateZone && DomainNames.IsWithin(domain, z.Name)).OrderByDescending(z => z.Name.Length).FirstOrDefault()
            ?? throw Errors.HostedZoneNotFound.New(domain, "contains " + domain);
    }

    private async Task<IReadOnlyList<Ec2Subnet>> ChooseSubnetsAsync(string vpcId, IReadOnlyList<string>? subnetIds, CancellationToken cancellationToken)
    {
        if (subnetIds is { Count: > 0 })
        {
            var given = await _clients.Ec2.DescribeSubnetsAsync(null, subnetIds, cancellationToken).ConfigureAwait(false);
            var outside = given.Where(s => s.VpcId != vpcId).Select(s => s.SubnetId).ToList();
            if (outside.Count > 0)
            {
                throw Errors.SubnetNotInInstanceVpc.New(string.Join(",", outside), string.Join(", ", outside), vpcId);
            }

            if (given.Select(s => s.AvailabilityZone).Distinct().Count() < 2 || given.Select(s => s.AvailabilityZone).Distinct().Count() != given.Count)
            {
                throw Errors.NotEnoughAvailabilityZones.New(string.Join(",", subnetIds));
            }

            return given;
        }

        var subnets = await _clients.Ec2.DescribeSubnetsAsync(vpcId, null, cancellationToken).ConfigureAwait(false);
        var tables = await _clients.Ec2.DescribeRouteTablesAsync(vpcId, cancellationToken).ConfigureAwait(false);
        var main = tables.FirstOrDefault(t => t.IsMain);
        bool IsPublic(Ec2Subnet subnet)
        {
            // A subnet is public when its route table (its own, else the VPC's main one) reaches an
            // internet gateway; a subnet that gives instances public addresses counts too.
            var table = tables.FirstOrDefault(t => t.SubnetIds.Contains(subnet.SubnetId)) ?? main;
            return (table?.RoutesToInternetGateway ?? false) || subnet.MapPublicIpOnLaunch;
        }

        var chosen = subnets.Where(IsPublic)
            .GroupBy(s => s.AvailabilityZone)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.DefaultForAz).ThenBy(s => s.SubnetId, StringComparer.Ordinal).First())
            .ToList();
        if (chosen.Count < 2)
        {
            throw Errors.NotEnoughPublicSubnets.New(vpcId, vpcId, chosen.Count);
        }

        return chosen;
    }

    private async Task ValidateSslPolicyAsync(string policy, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> known;
        try
        {
            known = await _clients.Elbv2.DescribeSslPoliciesAsync(new[] { policy }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode is "InvalidAction" or "UnsupportedOperation" or "NotImplemented" || (int)e.StatusCode == 501)
        {
            _reporter.Warning($"The service cannot list SSL policies ({e.ServiceCode}); {policy} is used unchecked and CreateListener will reject it if unknown.");
            return;
        }

        if (!known.Contains(policy, StringComparer.Ordinal))
        {
            throw Errors.SslPolicyNotFound.New(policy, policy, EntryPointRequest.RecommendedSslPolicy);
        }
    }

    private async Task<(string? Arn, string? Status)> FindCertificateAsync(string domain, string? certificateArn, EntryPointResources existing,
        CancellationToken cancellationToken)
    {
        if (certificateArn is not null)
        {
            if (DomainNames.RegionOfArn(certificateArn) != _clients.Region)
            {
                throw Errors.CertificateInOtherRegion.New(certificateArn, certificateArn, DomainNames.RegionOfArn(certificateArn), _clients.Region);
            }

            var given = await _clients.Acm.DescribeCertificateAsync(certificateArn, cancellationToken).ConfigureAwait(false)
                ?? throw Errors.CertificateNotFound.New(certificateArn, certificateArn);
            if (!CoversDomain(given, domain))
            {
                throw Errors.CertificateDoesNotCoverDomain.New(certificateArn, certificateArn,
                    string.Join(", ", given.SubjectAlternativeNames.DefaultIfEmpty(given.DomainName)), domain);
            }

            if (given.Status is not ("ISSUED" or "PENDING_VALIDATION"))
            {
                throw Errors.CertificateNotUsable.New(certificateArn, certificateArn, given.Status);
            }

            return (given.CertificateArn, given.Status);
        }

        // Ours from an earlier run first (it may still be pending), then any issued certificate that covers the name.
        if (existing.OwnCertificateArn is not null)
        {
            var own = await _clients.Acm.DescribeCertificateAsync(existing.OwnCertificateArn, cancellationToken).ConfigureAwait(false);
            if (own is { Status: "ISSUED" or "PENDING_VALIDATION" })
            {
                return (own.CertificateArn, own.Status);
            }
        }

        // One listing with the names in it; only a certificate that covers the domain is described.
        var summaries = await _clients.Acm.ListCertificateSummariesAsync(new[] { "ISSUED" }, cancellationToken).ConfigureAwait(false);
        foreach (var summary in summaries.Where(c => c.Names.Any(n => DomainNames.Covers(n, domain))))
        {
            var detail = await _clients.Acm.DescribeCertificateAsync(summary.CertificateArn, cancellationToken).ConfigureAwait(false);
            if (detail is { Status: "ISSUED" } && CoversDomain(detail, domain))
            {
                return (detail.CertificateArn, detail.Status);
            }
        }

        return (null, null);
    }

    private static bool CoversDomain(CertificateDetail certificate, string domain)
    {
        return certificate.SubjectAlternativeNames.Append(certificate.DomainName).Any(n => DomainNames.Covers(n, domain));
    }

    private static IReadOnlyList<string> Describe(string domain, string name, HostedZoneSummary zone, string vpcId, IReadOnlyList<Ec2Subnet> subnets,
        string ipAddressType, EntryPointRequest request, EntryPointResources existing, string? certificateArn,
        IReadOnlyList<ResourceRecordSetInfo> records, IReadOnlyList<Ec2Instance> instances)
    {
        var steps = new List<string>();
        if (certificateArn is null)
        {
            steps.Add($"ACM certificate for {domain} (DNS validation), with its validation CNAME in zone {zone.Name} ({zone.Id})");
        }

        if (existing.LoadBalancerGroup is null)
        {
            steps.Add($"security group {name}-alb in {vpcId}: TCP 80 and 443 from 0.0.0.0/0 and ::/0");
        }

        if (existing.TargetsGroup is null)
        {
            steps.Add($"security group {name}-targets: TCP {request.TargetPort} from the load balancer's group, added to {string.Join(", ", instances.Select(i => i.InstanceId))}");
        }

        if (existing.TargetGroup is null)
        {
            steps.Add($"target group {name}: HTTP:{request.TargetPort}, health check {request.HealthCheckPath}, targets {string.Join(", ", instances.Select(i => i.InstanceId))}");
        }

        if (existing.LoadBalancer is null)
        {
            steps.Add($"internet-facing Application Load Balancer {name} ({ipAddressType}) in {string.Join(", ", subnets.Select(s => $"{s.SubnetId} ({s.AvailabilityZone})"))}");
        }

        if (existing.HttpListener is null)
        {
            steps.Add("listener HTTP:80 redirecting to HTTPS:443 (HTTP_301)");
        }

        if (existing.HttpsListener is null)
        {
            steps.Add($"listener HTTPS:443 with TLS policy {request.SslPolicy}, forwarding to the target group");
        }

        foreach (var type in ipAddressType == "dualstack" ? new[] { "A", "AAAA" } : new[] { "A" })
        {
            if (!records.Any(r => r.Type == type))
            {
                steps.Add($"alias record {type} {domain} in zone {zone.Name} pointing at the load balancer");
            }
        }

        return steps;
    }
}
