using System.Linq;

namespace AwsWiki.Core.Tests.Errors;

/// <summary>How messages quote outside text: control characters escaped, long text cut.</summary>
public sealed class UserTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u007f", "\\u007f")]
    [InlineData("\u0085", "\\u0085")]
    [InlineData("caf\u00e9 \ud55c", "caf\u00e9 \ud55c")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Show_EscapesControlCharacters(string? text, string expected) => Assert.Equal(expected, UserText.Show(text));

    [Fact]
    public void Show_CutsLongText_AndSaysHowLongItWas()
    {
        var shown = UserText.Show(new string('x', 300));
        Assert.Equal(new string('x', UserText.DefaultMaxLength) + "... (300 characters)", shown);
    }

    [Fact]
    public void Show_AtTheLimit_IsNotCut() => Assert.Equal(new string('y', 200), UserText.Show(new string('y', 200)));

    [Fact]
    public void Show_HugeText_StaysShort()
    {
        var shown = UserText.Show(string.Concat(Enumerable.Repeat("\n", 10_000_000)));
        Assert.True(shown.Length < 500);
        Assert.EndsWith("... (10,000,000 characters)", shown);
    }

    [Fact]
    public void Show_OwnLimit() => Assert.Equal("abc... (6 characters)", UserText.Show("abcdef", maxLength: 3));
}
