using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// The delete steps shared by Remove-HttpsEntryPoint and -RollbackOnFailure. Each step treats
/// "already gone" as done, and waits out "still in use" (a security group or certificate stays
/// in use for a while after its load balancer is deleted).
/// </summary>
internal sealed class EntryPointDeleter
{
    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;

    public EntryPointDeleter(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    /// <summary>How long to keep retrying a delete the service refuses because the resource is still in use.</summary>
    public TimeSpan InUseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public async Task DeleteRecordsAsync(string hostedZoneId, IReadOnlyList<ResourceRecordSetInfo> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            _reporter.Verbose($"Deleting {record.Type} record {record.Name}.");
            try
            {
                await _clients.Route53.ChangeResourceRecordSetsAsync(hostedZoneId, new[] { (RecordChangeAction.Delete, record) },
                    "Remove-HttpsEntryPoint", cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ServiceCode == "InvalidChangeBatch" && e.ServiceMessage.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Gone already.
            }
        }
    }

    public async Task DeleteListenerAsync(string listenerArn, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Deleting listener {listenerArn}.");
        try
        {
            await _clients.Elbv2.DeleteListenerAsync(listenerArn, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "ListenerNotFound")
        {
        }
    }

    public async Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Deleting load balancer {loadBalancerArn}.");
        try
        {
            await _clients.Elbv2.DeleteLoadBalancerAsync(loadBalancerArn, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "LoadBalancerNotFound")
        {
        }
    }

    public Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Deleting target group {targetGroupArn}.");
        return WhileInUseAsync(async () =>
        {
            try
            {
                await _clients.Elbv2.DeleteTargetGroupAsync(targetGroupArn, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ServiceCode == "TargetGroupNotFound")
            {
            }
        }, cancellationToken);
    }

    /// <summary>Takes the group off every instance that has it, then deletes it.</summary>
    public async Task DeleteSecurityGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        foreach (var instance in await _clients.Ec2.DescribeInstancesInGroupAsync(groupId, cancellationToken).ConfigureAwait(false))
        {
            var remaining = instance.SecurityGroupIds.Where(g => g != groupId).ToList();
            if (remaining.Count == 0)
            {
                // An instance keeps at least one group: it falls back to its VPC's default group.
                var fallback = await _clients.Ec2.DescribeSecurityGroupByNameAsync(instance.VpcId, "default", cancellationToken).ConfigureAwait(false);
                if (fallback is null)
                {
                    continue;
                }

                remaining.Add(fallback.GroupId);
            }

            _reporter.Verbose($"Taking security group {groupId} off {instance.InstanceId}.");
            await _clients.Ec2.SetInstanceSecurityGroupsAsync(instance.InstanceId, remaining, cancellationToken).ConfigureAwait(false);
        }

        _reporter.Verbose($"Deleting security group {groupId}.");
        await WhileInUseAsync(() => _clients.Ec2.DeleteSecurityGroupAsync(groupId, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        _reporter.Verbose($"Deleting certificate {certificateArn}.");
        return WhileInUseAsync(async () =>
        {
            try
            {
                await _clients.Acm.DeleteCertificateAsync(certificateArn, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ServiceCode == "ResourceNotFoundException")
            {
            }
        }, cancellationToken);
    }

    private async Task WhileInUseAsync(Func<Task> delete, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + InUseTimeout;
        var delay = TimeSpan.FromSeconds(2);
        while (true)
        {
            try
            {
                await delete().ConfigureAwait(false);
                return;
            }
            catch (AwsServiceException e) when (e.ServiceCode is "DependencyViolation" or "ResourceInUse" or "ResourceInUseException" && DateTime.UtcNow < deadline)
            {
                _reporter.Verbose($"Still in use ({e.ServiceMessage}); trying again in {delay.TotalSeconds:0} s.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(15, delay.TotalSeconds * 2));
            }
        }
    }
}
