namespace AwsWiki.Clients;

// The Route 53 shapes the hand-written client reads, named as in the service model.

/// <param name="Id">The bare zone id, without the "/hostedzone/" prefix.</param>
/// <param name="Name">The zone's name without the trailing dot, lower case.</param>
public sealed record HostedZoneSummary(string Id, string Name, bool PrivateZone);

/// <summary>A record set: either plain values (<see cref="Values"/>) or an alias (<see cref="AliasDnsName"/>).</summary>
/// <param name="Name">Without the trailing dot.</param>
public sealed record ResourceRecordSetInfo(
    string Name,
    string Type,
    long? Ttl,
    System.Collections.Generic.IReadOnlyList<string> Values,
    string? AliasHostedZoneId,
    string? AliasDnsName,
    bool AliasEvaluateTargetHealth);

public enum RecordChangeAction
{
    Create,
    Upsert,
    Delete,
}
