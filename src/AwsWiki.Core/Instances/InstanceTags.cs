using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Instances;

/// <summary>An instance's tags. Its text is "k=v; k2=v2" (keys sorted), so Export-Csv writes a readable cell, not a type name.</summary>
public sealed class InstanceTags : Dictionary<string, string>
{
    public InstanceTags()
        : base(StringComparer.Ordinal)
    {
    }

    public override string ToString() => string.Join("; ", this.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
