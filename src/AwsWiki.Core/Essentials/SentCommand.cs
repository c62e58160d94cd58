using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>A command SSM accepted, with the instances it targets.</summary>
public sealed record SentCommand(string CommandId, IReadOnlyList<string> InstanceIds);
