using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>The Route 53 operations AwsWiki uses; swappable for AWSSDK.Route53.</summary>
internal interface IRoute53Client
{
    Task<IReadOnlyList<HostedZoneSummary>> ListHostedZonesAsync(CancellationToken cancellationToken);

    /// <summary>Null when the zone does not exist.</summary>
    Task<HostedZoneSummary?> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken);

    /// <summary>The record sets named <paramref name="name"/> (any type), in one zone.</summary>
    Task<IReadOnlyList<ResourceRecordSetInfo>> ListResourceRecordSetsAsync(string hostedZoneId, string name, CancellationToken cancellationToken);

    /// <summary>One change batch, applied atomically by the service; returns the change id.</summary>
    Task<string> ChangeResourceRecordSetsAsync(string hostedZoneId, IEnumerable<(RecordChangeAction Action, ResourceRecordSetInfo Record)> changes,
        string comment, CancellationToken cancellationToken);
}
