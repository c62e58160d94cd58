using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

/// <summary>shlex.split (POSIX) and shlex.quote, as botocore applies them to [profile NAME] headers.</summary>
public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("profile work", new[] { "profile", "work" })]
    [InlineData("profile 'my profile'", new[] { "profile", "my profile" })]
    [InlineData("profile \"my profile\"", new[] { "profile", "my profile" })]
    [InlineData("profile a\\ b", new[] { "profile", "a b" })]
    [InlineData("profile \"a\\\"b\"", new[] { "profile", "a\"b" })]
    [InlineData("profile \"a\\nb\"", new[] { "profile", "a\\nb" })]
    [InlineData("profile 'a\\b'", new[] { "profile", "a\\b" })]
    [InlineData("profile a'b'c", new[] { "profile", "abc" })]
    [InlineData("profile ''", new[] { "profile", "" })]
    [InlineData("  profile \t x  ", new[] { "profile", "x" })]
    public void Split_MatchesShlex(string text, string[] expected) => Assert.Equal(expected, ShellWords.Split(text));

    [Theory]
    [InlineData("profile 'open")]
    [InlineData("profile \"open")]
    [InlineData("profile trailing\\")]
    [InlineData("profile \"a\\")]
    public void Split_WhereShlexRaises_ReturnsNull(string text) => Assert.Null(ShellWords.Split(text));

    [Theory]
    [InlineData("", "''")]
    [InlineData("work", "work")]
    [InlineData("a@b%c+d=e:f,g./h-_", "a@b%c+d=e:f,g./h-_")]
    [InlineData("my profile", "'my profile'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("caf\u00e9", "'caf\u00e9'")]
    [InlineData("a$b", "'a$b'")]
    public void Quote_MatchesShlexQuote(string word, string expected) => Assert.Equal(expected, ShellWords.Quote(word));

    [Theory]
    [InlineData("my profile")]
    [InlineData("it's \"quoted\"")]
    [InlineData("back\\slash")]
    [InlineData("")]
    public void Quote_ReadsBackAsOneWord(string word)
    {
        var words = ShellWords.Split("profile " + ShellWords.Quote(word));
        Assert.Equal(new[] { "profile", word }, words);
    }
}
