namespace AwsWiki.Essentials;

/// <summary>One line of ListCommandInvocations.</summary>
public sealed record InvocationState(string InstanceId, string Status, string? StatusDetails);
