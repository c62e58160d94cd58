using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu.Topology;

/// <summary>Each instance's type (EC2 DescribeInstances behind it).</summary>
internal interface IInstanceTypeLookup
{
    /// <summary>Instance id to instance type; instances EC2 does not know (or hybrid mi- nodes) are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> GetInstanceTypesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);
}
