using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>One SSM target entry: "tag:Role" with its values, or "resource-groups:Name" with a group name.</summary>
public sealed record CommandTarget(string Key, IReadOnlyList<string> Values);
