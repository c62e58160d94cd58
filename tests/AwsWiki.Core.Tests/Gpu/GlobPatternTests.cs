using AwsWiki.Gpu;

namespace AwsWiki.Core.Tests.Gpu;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("p4d*", "P4D.24xlarge", true)]
    [InlineData("g?dn.xlarge", "g4dn.xlarge", true)]
    [InlineData("g?dn.xlarge", "g45dn.xlarge", false)]
    [InlineData("[gp]5.*", "p5.48xlarge", true)]
    [InlineData("[gp]5.*", "c5.large", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("us-east-1", "us-east-1a", false)]
    [InlineData("*", "", true)]
    [InlineData("a+b", "a+b", true)]
    public void IsMatch_LikePowerShellWildcards(string pattern, string value, bool expected) => Assert.Equal(expected, new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("p4d*", true)]
    [InlineData("g?", true)]
    [InlineData("[ab]", true)]
    [InlineData("us-east-1", false)]
    public void HasWildcard(string pattern, bool expected) => Assert.Equal(expected, new GlobPattern(pattern).HasWildcard);

    [Fact]
    public void From_TrimsAndDropsBlanks()
    {
        var patterns = GlobPattern.From(new[] { " V100 ", "", "  ", "A*" });
        Assert.Equal(new[] { "V100", "A*" }, System.Linq.Enumerable.Select(patterns, p => p.Pattern));
        Assert.Empty(GlobPattern.From(null));
    }

    [Fact]
    public void AnyMatch_NoPatternsMatchesEverything_ElseAnyOne()
    {
        Assert.True(GlobPattern.AnyMatch(System.Array.Empty<GlobPattern>(), "anything"));
        var patterns = GlobPattern.From(new[] { "V100", "A1*" });
        Assert.True(GlobPattern.AnyMatch(patterns, "a100"));
        Assert.False(GlobPattern.AnyMatch(patterns, "H100"));
    }
}
