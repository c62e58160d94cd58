using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>
/// A command SSM accepted, with the instances it targets; for a command sent to Targets the list is
/// empty and SSM says which instances it resolved as their invocations appear.
/// </summary>
public sealed record SentCommand(string CommandId, IReadOnlyList<string> InstanceIds, bool ByTargets = false);
