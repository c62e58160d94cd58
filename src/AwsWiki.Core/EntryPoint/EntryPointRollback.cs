using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.EntryPoint;

/// <summary>
/// -RollbackOnFailure: undoes what a failed run created, newest first. It runs after the failure,
/// so it does not take the run's cancellation token; what it cannot delete it reports and leaves
/// to Remove-HttpsEntryPoint.
/// </summary>
internal sealed class EntryPointRollback
{
    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;

    public EntryPointRollback(EntryPointClients clients, IActivityReporter reporter)
    {
        _clients = clients;
        _reporter = reporter;
    }

    public async Task RollbackAsync(EntryPointPlan plan, IReadOnlyList<CreatedResource> created)
    {
        var deleter = new EntryPointDeleter(_clients, _reporter);
        var zone = plan.HostedZone.Id;
        foreach (var item in created.Reverse())
        {
            try
            {
                switch (item.Kind)
                {
                    case "alias-record":
                        var current = await _clients.Route53.ListResourceRecordSetsAsync(zone, plan.DomainName, CancellationToken.None).ConfigureAwait(false);
                        await deleter.DeleteRecordsAsync(zone, current.Where(r => r.Type == item.Id).ToList(), CancellationToken.None).ConfigureAwait(false);
                        break;
                    case "validation-record":
                        var validation = await _clients.Route53.ListResourceRecordSetsAsync(zone, item.Id, CancellationToken.None).ConfigureAwait(false);
                        await deleter.DeleteRecordsAsync(zone, validation.Where(r => r.Type == "CNAME").ToList(), CancellationToken.None).ConfigureAwait(false);
                        break;
                    case EntryPointTags.HttpListenerRole:
                    case EntryPointTags.HttpsListenerRole:
                        await deleter.DeleteListenerAsync(item.Id, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case EntryPointTags.LoadBalancerRole:
                        await deleter.DeleteLoadBalancerAsync(item.Id, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case EntryPointTags.TargetGroupRole:
                        await deleter.DeleteTargetGroupAsync(item.Id, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case "instance-groups":
                        if (!string.IsNullOrEmpty(item.Previous))
                        {
                            await _clients.Ec2.SetInstanceSecurityGroupsAsync(item.Id, item.Previous!.Split(','), CancellationToken.None).ConfigureAwait(false);
                        }

                        break;
                    case EntryPointTags.LoadBalancerGroupRole:
                    case EntryPointTags.TargetGroupRuleRole:
                        await deleter.DeleteSecurityGroupAsync(item.Id, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case EntryPointTags.CertificateRole:
                        await deleter.DeleteCertificateAsync(item.Id, CancellationToken.None).ConfigureAwait(false);
                        break;
                }
            }
            catch (AwsWikiException e)
            {
                _reporter.Warning($"Rollback could not delete {item.Kind} {item.Id}: {e.Message}. Remove-HttpsEntryPoint {plan.DomainName} removes what is left.");
            }
        }
    }
}
