using System.Collections.Generic;

namespace AwsWiki.Essentials;

/// <summary>The pre-check's verdict: instances to send to, and one error for each instance skipped.</summary>
public sealed record InstanceCheck(IReadOnlyList<string> Ready, IReadOnlyList<AwsWikiException> Skipped);
