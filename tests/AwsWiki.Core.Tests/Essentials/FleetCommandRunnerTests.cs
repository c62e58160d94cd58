using System.Linq;
using AwsWiki.Essentials;

namespace AwsWiki.Core.Tests.Essentials;

/// <summary>SendCommand takes at most 50 instance ids.</summary>
public sealed class FleetCommandRunnerTests
{
    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 1 })]
    [InlineData(50, new[] { 50 })]
    [InlineData(51, new[] { 50, 1 })]
    [InlineData(120, new[] { 50, 50, 20 })]
    public void Batch_AtMostFiftyInOrder(int count, int[] sizes)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"i-{i:x17}").ToList();
        var batches = FleetCommandRunner.Batch(ids);
        Assert.Equal(sizes, batches.Select(b => b.Count));
        Assert.Equal(ids, batches.SelectMany(b => b));
    }
}
