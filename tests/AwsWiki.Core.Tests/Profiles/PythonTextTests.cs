using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

/// <summary>Python's str.isspace/strip/splitlines, which botocore's parsing inherits (wider than .NET's).</summary>
public sealed class PythonTextTests
{
    [Theory]
    [InlineData(' ')]
    [InlineData('\t')]
    [InlineData('\v')]
    [InlineData('\f')]
    [InlineData('\u001c')]
    [InlineData('\u001f')]
    [InlineData('\u0085')]
    [InlineData('\u00a0')]
    [InlineData('\u3000')]
    public void IsSpace_PythonWhitespace_True(char c) => Assert.True(PythonText.IsSpace(c));

    [Theory]
    [InlineData('a')]
    [InlineData('\u200b')] // zero-width space: not white space to Python
    [InlineData('\u0000')]
    [InlineData('_')]
    public void IsSpace_Other_False(char c) => Assert.False(PythonText.IsSpace(c));

    [Fact]
    public void Strip_RemovesInformationSeparatorsThatDotNetKeeps()
    {
        Assert.Equal("a b", PythonText.Strip("\u001f a b \u3000"));
        Assert.Equal(" x", PythonText.RStrip(" x\u001c\t"));
    }

    [Fact]
    public void FirstNonSpace_CountsLeadingWhitespace_AndMinusOneForBlank()
    {
        Assert.Equal(2, PythonText.FirstNonSpace(" \tx"));
        Assert.Equal(-1, PythonText.FirstNonSpace(" \u001d "));
    }

    [Theory]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\vb\fc", new[] { "a", "b", "c" })]
    [InlineData("a\u2028b", new[] { "a", "b" })]
    [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("", new string[0])]
    public void SplitLines_BreaksWherePythonDoes(string text, string[] expected) => Assert.Equal(expected, PythonText.SplitLines(text));
}
