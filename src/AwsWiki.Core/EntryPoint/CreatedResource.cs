namespace AwsWiki.EntryPoint;

/// <summary>Something a run created (or changed), in creation order, so a rollback can undo it in reverse.</summary>
/// <param name="Kind">One of the <see cref="EntryPointTags"/> roles, "validation-record", "alias-record" or "instance-groups".</param>
/// <param name="Id">The ARN or id; for records the record name and type; for instances the instance id.</param>
/// <param name="Previous">What to restore on rollback: the instance's former groups, comma-separated.</param>
internal sealed record CreatedResource(string Kind, string Id, string? Previous = null);
