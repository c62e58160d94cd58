using System.Linq;
using AwsWiki.EntryPoint;

namespace AwsWiki.Core.Tests.EntryPoint;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("WWW.Example.COM.", "www.example.com")]
    [InlineData(" api.example.co.kr ", "api.example.co.kr")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Normalize_LowerCaseWithoutTrailingDot(string given, string expected) => Assert.Equal(expected, DomainNames.Normalize(given));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("localhost")]
    [InlineData("-a.example.com")]
    [InlineData("a-.example.com")]
    [InlineData("a..example.com")]
    [InlineData("under_score.example.com")]
    [InlineData("10.0.0.1")]
    [InlineData("https://www.example.com")]
    public void Normalize_RefusesWhatIsNotAHostName(string? given)
    {
        var failure = Assert.Throws<AwsWikiException>(() => DomainNames.Normalize(given));
        Assert.Equal("InvalidDomainName", failure.ErrorId);
    }

    [Fact]
    public void Normalize_LabelLengthLimitIs63()
    {
        Assert.Equal(new string('a', 63) + ".com", DomainNames.Normalize(new string('a', 63) + ".com"));
        Assert.Throws<AwsWikiException>(() => DomainNames.Normalize(new string('a', 64) + ".com"));
    }

    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("www.example.com", "example.com", true)]
    [InlineData("wwwexample.com", "example.com", false)]
    [InlineData("example.com", "www.example.com", false)]
    public void IsWithin(string name, string zone, bool expected) => Assert.Equal(expected, DomainNames.IsWithin(name, zone));

    [Theory]
    [InlineData("*.example.com", "www.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("WWW.Example.com.", "www.example.com", true)]
    [InlineData("www.example.com", "api.example.com", false)]
    public void Covers_WildcardCoversOneLabel(string certificate, string name, bool expected) => Assert.Equal(expected, DomainNames.Covers(certificate, name));

    [Theory]
    [InlineData("www.example.com")]
    [InlineData("a-very-long-subdomain-name-for-testing.example.com")]
    [InlineData("x.io")]
    public void DefaultResourceName_IsAValidElbName(string domain)
    {
        var name = DomainNames.DefaultResourceName(domain);
        Assert.InRange(name.Length, 1, 32);
        Assert.Equal(name, DomainNames.ValidateResourceName(name));
        Assert.Equal(name, DomainNames.DefaultResourceName(domain));
    }

    [Fact]
    public void DefaultResourceName_DiffersForDomainsWithTheSameReadablePrefix()
    {
        var a = DomainNames.DefaultResourceName("a-very-long-subdomain-name-one.example.com");
        var b = DomainNames.DefaultResourceName("a-very-long-subdomain-name-two.example.com");
        Assert.NotEqual(a, b);
        Assert.StartsWith("www-example-com-", DomainNames.DefaultResourceName("www.example.com"));
    }

    [Theory]
    [InlineData("internal-web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web_1")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public void ValidateResourceName_Refuses(string name) =>
        Assert.Equal("InvalidName", Assert.Throws<AwsWikiException>(() => DomainNames.ValidateResourceName(name)).ErrorId);

    [Fact]
    public void IdempotencyToken_StableWordCharactersWithinAcmsLimit()
    {
        var token = DomainNames.IdempotencyToken("123456789012", "us-east-1", "www.example.com");
        Assert.Equal(32, token.Length);
        Assert.StartsWith("aw", token);
        Assert.True(token.All(char.IsLetterOrDigit));
        Assert.Equal(token, DomainNames.IdempotencyToken("123456789012", "us-east-1", "www.example.com"));
        Assert.NotEqual(token, DomainNames.IdempotencyToken("123456789012", "us-west-2", "www.example.com"));
        Assert.NotEqual(token, DomainNames.IdempotencyToken("210987654321", "us-east-1", "www.example.com"));
    }

    [Theory]
    [InlineData("arn:aws:acm:ap-northeast-2:123456789012:certificate/abc", "ap-northeast-2")]
    [InlineData("arn:aws:iam::123456789012:role/x", "")]
    [InlineData("not-an-arn", null)]
    [InlineData("urn:aws:acm:us-east-1:1:x", null)]
    public void RegionOfArn(string arn, string? region) => Assert.Equal(region, DomainNames.RegionOfArn(arn));
}
