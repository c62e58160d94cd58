using System;
using System.Collections.Generic;

namespace AwsWiki.Instances;

/// <summary>What one (profile, account, region) gave: its instances, or the failure that stopped it.</summary>
public sealed class InstanceResult
{
    public InstanceResult(InstanceScope scope, IReadOnlyList<AwsInstance> instances, Exception? error = null)
    {
        Scope = scope;
        Instances = instances;
        Error = error;
    }

    public InstanceScope Scope { get; }

    public IReadOnlyList<AwsInstance> Instances { get; }

    /// <summary>An <see cref="AwsWikiException"/> naming the scope, with the AWS failure inside.</summary>
    public Exception? Error { get; }
}
