using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Essentials;

/// <summary>Finds EC2 instances; EC2 DescribeInstances behind it.</summary>
internal interface IInstanceDirectory
{
    /// <summary>The running instances that carry every one of these tags (a tag with several values matches any of them).</summary>
    Task<IReadOnlyList<string>> FindRunningInstancesAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> tags, CancellationToken cancellationToken);
}
