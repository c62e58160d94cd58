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

    /// <summary>
    /// -TagColumn names become properties beside the instance's own, and PowerShell property names
    /// ignore case: a column named like a built-in property (InstanceId, Region, State) would hide
    /// it, and two columns differing only in case cannot both exist. Both are refused.
    /// </summary>
    public static void ValidateColumns(IEnumerable<string>? columns, Type outputType)
    {
        var builtIn = outputType.GetProperties().Select(p => p.Name).ToList();
        var seen = new List<string>();
        foreach (var column in columns ?? Array.Empty<string>())
        {
            var shadowed = builtIn.FirstOrDefault(name => string.Equals(name, column, StringComparison.OrdinalIgnoreCase));
            if (shadowed is not null)
            {
                throw Errors.TagColumnShadowsProperty.New(column, column, "the built-in property " + shadowed);
            }

            var twin = seen.FirstOrDefault(name => string.Equals(name, column, StringComparison.OrdinalIgnoreCase));
            if (twin is not null && !string.Equals(twin, column, StringComparison.Ordinal))
            {
                throw Errors.TagColumnShadowsProperty.New(column, column, "the column " + twin);
            }

            seen.Add(column);
        }
    }

    public override string ToString() => string.Join("; ", this.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
