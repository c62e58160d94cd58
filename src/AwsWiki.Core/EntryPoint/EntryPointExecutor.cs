using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// Creates what the plan lacks. The certificate branch (request, validation record, wait for
/// ISSUED) runs concurrently with the network branch (security groups, target group, load
/// balancer, HTTP listener); the HTTPS listener and the alias records follow when both are done.
/// Every resource is tagged so a later run, Get- and Remove-HttpsEntryPoint find it.
/// </summary>
internal sealed class EntryPointExecutor
{
    private const int OverallActivity = 41;
    private const string OverallTitle = "New-HttpsEntryPoint";

    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;
    private readonly ConcurrentQueue<CreatedResource> _created = new();

    public EntryPointExecutor(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    /// <summary>First delay between certificate status checks; it grows by half each time, up to 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<CreatedResource> Created => _created.ToList();

    public async Task<HttpsEntryPoint> RunAsync(EntryPointPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (plan.RollbackOnFailure && !_created.IsEmpty)
        {
            _reporter.Warning($"Rolling back what this run created ({string.Join(", ", _created.Select(c => c.Kind))}) after: {e.Message}");
            await new EntryPointRollback(_clients, _reporter).RollbackAsync(plan, _created.ToList()).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _reporter.CompleteProgress(CertificateProvisioner.ProgressActivity, "Certificate");
            _reporter.CompleteProgress(OverallActivity, OverallTitle);
        }
    }

    private async Task<HttpsEntryPoint> CreateAsync(EntryPointPlan plan, CancellationToken cancellationToken)
    {
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var certificateBranch = StopOthersOnFailure(
            new CertificateProvisioner(_clients, _reporter, _created, () => WhatExists()) { PollInterval = PollInterval }.EnsureAsync(plan, firstFailure.Token), firstFailure);
        var networkBranch = StopOthersOnFailure(EnsureNetworkAsync(plan, firstFailure.Token), firstFailure);
        try
        {
            await Task.WhenAll(certificateBranch, networkBranch).ConfigureAwait(false);
        }
        catch
        {
            // Report the failure that started it, not the cancellation it caused in the other branch.
            var failures = new Task[] { certificateBranch, networkBranch }.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            var cause = failures.FirstOrDefault(f => f is not OperationCanceledException) ?? failures.FirstOrDefault();
            if (cause is not null)
            {
                ExceptionDispatchInfo.Capture(cause).Throw();
            }

            throw;
        }

        var (certificateArn, certificateStatus) = certificateBranch.Result;
        var network = networkBranch.Result;

        Progress("HTTPS listener", 85);
        var httpsListener = plan.Existing.HttpsListener ?? await CreateListenerAsync(plan, new NewListener(network.LoadBalancer.LoadBalancerArn, "HTTPS", 443,
            plan.SslPolicy, certificateArn, network.TargetGroup.TargetGroupArn, EntryPointTags.For(plan, EntryPointTags.HttpsListenerRole)), cancellationToken).ConfigureAwait(false);

        Progress("Alias records", 92);
        await EnsureAliasRecordsAsync(plan, network.LoadBalancer, cancellationToken).ConfigureAwait(false);

        var health = await _clients.Elbv2.DescribeTargetHealthAsync(network.TargetGroup.TargetGroupArn, cancellationToken).ConfigureAwait(false);
        return new HttpsEntryPoint
        {
            DomainName = plan.DomainName,
            Url = $"https://{plan.DomainName}/",
            HostedZoneId = plan.HostedZone.Id,
            CertificateArn = certificateArn,
            CertificateStatus = certificateStatus,
            LoadBalancerArn = network.LoadBalancer.LoadBalancerArn,
            LoadBalancerState = network.LoadBalancer.State,
            LoadBalancerDnsName = network.LoadBalancer.DnsName,
            CanonicalHostedZoneId = network.LoadBalancer.CanonicalHostedZoneId,
            IpAddressType = network.LoadBalancer.IpAddressType,
            TargetGroupArn = network.TargetGroup.TargetGroupArn,
            TargetPort = network.TargetGroup.Port,
            HttpListenerArn = network.HttpListener.ListenerArn,
            HttpsListenerArn = httpsListener.ListenerArn,
            SecurityGroupIds = string.Join(", ", network.LoadBalancerGroupId, network.TargetsGroupId),
            Targets = EntryPointReader.FormatTargets(health),
            HealthyTargets = EntryPointReader.CountHealthy(health),
            TotalTargets = health.Count,
            Duplicates = string.Join(", ", plan.Existing.AllDuplicates),
            SslPolicy = httpsListener.SslPolicy ?? plan.SslPolicy,
            Created = string.Join(", ", _created.Select(c => c.Kind).Distinct()),
        };
    }

    private sealed record NetworkResult(string LoadBalancerGroupId, string TargetsGroupId, TargetGroupDescription TargetGroup,
        LoadBalancerDescription LoadBalancer, ListenerDescription HttpListener);

    private async Task<NetworkResult> EnsureNetworkAsync(EntryPointPlan plan, CancellationToken cancellationToken)
    {
        Progress("Security groups", 10);
        var loadBalancerGroup = plan.Existing.LoadBalancerGroup?.GroupId ?? await CreateGroupAsync(plan, plan.Name + "-alb",
            $"HTTP and HTTPS from anywhere to the load balancer of {plan.DomainName}", EntryPointTags.LoadBalancerGroupRole, cancellationToken).ConfigureAwait(false);
        var existingRules = plan.Existing.LoadBalancerGroup?.IngressRules ?? Array.Empty<string>();
        foreach (var rule in new[] { new Ec2IngressRule(80, "0.0.0.0/0"), new Ec2IngressRule(80, "::/0"), new Ec2IngressRule(443, "0.0.0.0/0"), new Ec2IngressRule(443, "::/0") })
        {
            if (!existingRules.Contains(rule.Key))
            {
                await _clients.Ec2.AuthorizeIngressAsync(loadBalancerGroup, rule, cancellationToken).ConfigureAwait(false);
            }
        }

        var targetsGroup = plan.Existing.TargetsGroup?.GroupId ?? await CreateGroupAsync(plan, plan.Name + "-targets",
            $"Port {plan.TargetPort} from the load balancer of {plan.DomainName} only", EntryPointTags.TargetGroupRuleRole, cancellationToken).ConfigureAwait(false);
        var targetRule = new Ec2IngressRule(plan.TargetPort, loadBalancerGroup);
        if (!(plan.Existing.TargetsGroup?.IngressRules ?? Array.Empty<string>()).Contains(targetRule.Key))
        {
            await _clients.Ec2.AuthorizeIngressAsync(targetsGroup, targetRule, cancellationToken).ConfigureAwait(false);
        }

        foreach (var instance in plan.Instances.Where(i => !i.SecurityGroupIds.Contains(targetsGroup)))
        {
            _reporter.Verbose($"Adding security group {targetsGroup} to {instance.InstanceId}.");
            await _clients.Ec2.SetInstanceSecurityGroupsAsync(instance.InstanceId, instance.SecurityGroupIds.Append(targetsGroup).ToList(), cancellationToken)
                .ConfigureAwait(false);
            _created.Enqueue(new CreatedResource("instance-groups", instance.InstanceId, string.Join(",", instance.SecurityGroupIds)));
        }

        Progress("Target group", 25);
        var targetGroup = plan.Existing.TargetGroup ?? await CreateTargetGroupAsync(plan, cancellationToken).ConfigureAwait(false);
        await _clients.Elbv2.RegisterTargetsAsync(targetGroup.TargetGroupArn, plan.Instances.Select(i => i.InstanceId), plan.TargetPort, cancellationToken)
            .ConfigureAwait(false);

        Progress("Load balancer", 40);
        var loadBalancer = plan.Existing.LoadBalancer ?? await CreateLoadBalancerAsync(plan, loadBalancerGroup, cancellationToken).ConfigureAwait(false);

        Progress("HTTP listener", 55);
        var httpListener = plan.Existing.HttpListener ?? await CreateListenerAsync(plan, new NewListener(loadBalancer.LoadBalancerArn, "HTTP", 80, null, null, null,
            EntryPointTags.For(plan, EntryPointTags.HttpListenerRole)), cancellationToken).ConfigureAwait(false);
        return new NetworkResult(loadBalancerGroup, targetsGroup, targetGroup, loadBalancer, httpListener);
    }

    private async Task<string> CreateGroupAsync(EntryPointPlan plan, string groupName, string description, string role, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Creating security group {groupName} in {plan.VpcId}.");
        string id;
        try
        {
            id = await _clients.Ec2.CreateSecurityGroupAsync(plan.VpcId, groupName, description, EntryPointTags.For(plan, role), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InvalidGroup.Duplicate")
        {
            // Another run (here or on another machine) or this run's retried request made it first: the
            // name is unique per VPC, so adopt it when it is tagged for this domain and role.
            var existing = await _clients.Ec2.DescribeSecurityGroupByNameAsync(plan.VpcId, groupName, cancellationToken).ConfigureAwait(false);
            if (existing is null || !existing.Tags.TryGetValue(EntryPointTags.EntryPoint, out var domain) || domain != plan.DomainName ||
                !existing.Tags.TryGetValue(EntryPointTags.Role, out var existingRole) || existingRole != role)
            {
                throw Errors.NameInUse.Wrap(e, groupName, groupName, $"a security group in {plan.VpcId}", plan.DomainName);
            }

            _reporter.Verbose($"Security group {groupName} was made by a concurrent run; using {existing.GroupId}.");
            return existing.GroupId;
        }

        _created.Enqueue(new CreatedResource(role, id));
        return id;
    }

    private async Task<TargetGroupDescription> CreateTargetGroupAsync(EntryPointPlan plan, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Creating target group {plan.Name} (HTTP:{plan.TargetPort}).");
        try
        {
            var created = await _clients.Elbv2.CreateTargetGroupAsync(new NewTargetGroup(plan.Name, plan.TargetPort, plan.VpcId, plan.HealthCheckPath,
                EntryPointTags.For(plan, EntryPointTags.TargetGroupRole)), cancellationToken).ConfigureAwait(false);
            _created.Enqueue(new CreatedResource(EntryPointTags.TargetGroupRole, created.TargetGroupArn));
            return created;
        }
        catch (AwsServiceException e) when (e.ServiceCode == "DuplicateTargetGroupName")
        {
            var found = (await _clients.Elbv2.DescribeTargetGroupsAsync(new[] { plan.Name }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            await EnsureOursAsync(found?.TargetGroupArn, plan, e, cancellationToken).ConfigureAwait(false);
            if (found!.Port != plan.TargetPort || found.VpcId != plan.VpcId || found.Protocol != "HTTP")
            {
                throw SettingsDiffer($"target group {found.TargetGroupArn}", $"HTTP:{found.Port} in {found.VpcId}", $"HTTP:{plan.TargetPort} in {plan.VpcId}", plan, e);
            }

            _reporter.Verbose($"Target group {plan.Name} was made by a concurrent run; using it.");
            return found;
        }
    }

    private async Task<LoadBalancerDescription> CreateLoadBalancerAsync(EntryPointPlan plan, string groupId, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Creating load balancer {plan.Name} in {string.Join(", ", plan.SubnetIds)}.");
        try
        {
            var created = await _clients.Elbv2.CreateLoadBalancerAsync(new NewLoadBalancer(plan.Name, plan.SubnetIds, new[] { groupId }, plan.IpAddressType,
                EntryPointTags.For(plan, EntryPointTags.LoadBalancerRole)), cancellationToken).ConfigureAwait(false);
            _created.Enqueue(new CreatedResource(EntryPointTags.LoadBalancerRole, created.LoadBalancerArn));
            return created;
        }
        catch (AwsServiceException e) when (e.ServiceCode == "DuplicateLoadBalancerName")
        {
            var found = (await _clients.Elbv2.DescribeLoadBalancersAsync(new[] { plan.Name }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            await EnsureOursAsync(found?.LoadBalancerArn, plan, e, cancellationToken).ConfigureAwait(false);
            if (found!.Scheme != "internet-facing" || found.VpcId != plan.VpcId)
            {
                throw SettingsDiffer($"load balancer {found.LoadBalancerArn}", $"{found.Scheme} in {found.VpcId}", $"internet-facing in {plan.VpcId}", plan, e);
            }

            _reporter.Verbose($"Load balancer {plan.Name} was made by a concurrent run; using it.");
            return found;
        }
    }

    private static AwsWikiException SettingsDiffer(string what, string found, string wanted, EntryPointPlan plan, Exception cause)
    {
        return Errors.EntryPointSettingsDiffer.Wrap(cause, plan.DomainName, what, plan.DomainName, found, wanted);
    }

    private async Task<ListenerDescription> CreateListenerAsync(EntryPointPlan plan, NewListener listener, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Creating listener {listener.Protocol}:{listener.Port}.");
        try
        {
            var created = await _clients.Elbv2.CreateListenerAsync(listener, cancellationToken).ConfigureAwait(false);
            _created.Enqueue(new CreatedResource(listener.Port == 443 ? EntryPointTags.HttpsListenerRole : EntryPointTags.HttpListenerRole, created.ListenerArn));
            return created;
        }
        catch (AwsServiceException e) when (e.ServiceCode == "DuplicateListener")
        {
            var found = await _clients.Elbv2.DescribeListenersAsync(listener.LoadBalancerArn, cancellationToken).ConfigureAwait(false);
            return found.FirstOrDefault(l => l.Port == listener.Port) ?? throw e;
        }
    }

    /// <summary>
    /// A create by name failed as a duplicate. One tagged for this domain comes from a concurrent run
    /// (here or on another machine) or from this run's own retried request whose answer was lost:
    /// adopt it, without counting it as created by this run (a rollback leaves it). Anything else is not ours.
    /// </summary>
    private async Task EnsureOursAsync(string? arn, EntryPointPlan plan, AwsServiceException duplicate, CancellationToken cancellationToken)
    {
        if (arn is not null)
        {
            var tags = await _clients.Elbv2.DescribeTagsAsync(new[] { arn }, cancellationToken).ConfigureAwait(false);
            if (tags.TryGetValue(arn, out var t) && t.TryGetValue(EntryPointTags.EntryPoint, out var domain) && domain == plan.DomainName)
            {
                return;
            }
        }

        throw Errors.NameInUse.Wrap(duplicate, plan.Name, plan.Name, "a resource", plan.DomainName);
    }

    private async Task EnsureAliasRecordsAsync(EntryPointPlan plan, LoadBalancerDescription loadBalancer, CancellationToken cancellationToken)
    {
        var target = "dualstack." + loadBalancer.DnsName.TrimEnd('.');
        var types = plan.IpAddressType == "dualstack" ? new[] { "A", "AAAA" } : new[] { "A" };
        var changes = new List<(RecordChangeAction, ResourceRecordSetInfo)>();
        foreach (var type in types)
        {
            var current = plan.ExistingRecords.FirstOrDefault(r => r.Type == type);
            if (current is not null && current.AliasHostedZoneId == loadBalancer.CanonicalHostedZoneId &&
                string.Equals(current.AliasDnsName, target, StringComparison.OrdinalIgnoreCase) && current.AliasEvaluateTargetHealth)
            {
                continue;
            }

            changes.Add((RecordChangeAction.Upsert,
                new ResourceRecordSetInfo(plan.DomainName, type, null, Array.Empty<string>(), loadBalancer.CanonicalHostedZoneId, target, true)));
        }

        if (changes.Count > 0)
        {
            _reporter.Verbose($"Pointing {plan.DomainName} ({string.Join("/", changes.Select(c => c.Item2.Type))}) at {target}.");
            await _clients.Route53.ChangeResourceRecordSetsAsync(plan.HostedZone.Id, changes, $"HTTPS entry point for {plan.DomainName} (AwsWiki)", cancellationToken)
                .ConfigureAwait(false);
            foreach (var change in changes)
            {
                _created.Enqueue(new CreatedResource("alias-record", change.Item2.Type));
            }
        }
    }

    private static async Task<T> StopOthersOnFailure<T>(Task<T> branch, CancellationTokenSource firstFailure)
    {
        try
        {
            return await branch.ConfigureAwait(false);
        }
        catch
        {
            firstFailure.Cancel();
            throw;
        }
    }

    private string WhatExists()
    {
        var created = _created.Select(c => $"{c.Kind} {c.Id}").ToList();
        return created.Count == 0 ? "This run created nothing." : $"This run created: {string.Join("; ", created)}.";
    }

    private void Progress(string step, int percent) => _reporter.Progress(OverallActivity, OverallTitle, step, percent);
}
