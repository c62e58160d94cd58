using System.Collections.Generic;
using AwsWiki.Clients;

namespace AwsWiki.Core.Tests.Clients;

/// <summary>AWS Query protocol bodies, percent-encoded as SigV4 requires (RFC 3986 unreserved kept).</summary>
public sealed class QueryParametersTests
{
    [Theory]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("*", "%2A")]
    [InlineData("=&", "%3D%26")]
    [InlineData("\u00e9", "%C3%A9")]
    [InlineData("\u20a9", "%E2%82%A9")]
    [InlineData("", "")]
    public void Escape(string value, string expected) => Assert.Equal(expected, QueryParameters.Escape(value));

    [Fact]
    public void Encode_ActionAndVersionFirst()
    {
        var body = new QueryParameters("DescribeLoadBalancers", "2015-12-01").Add("Names.member.1", "my lb").Encode();
        Assert.Equal("Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=my%20lb", body);
    }

    [Fact]
    public void Add_NullIsLeftOut_BoolsAndIntsInvariant()
    {
        var query = new QueryParameters("A", "1").Add("S", (string?)null).Add("I", (int?)null).Add("B", (bool?)null)
            .Add("Port", 8080).Add("Enabled", true).Add("Off", false);
        Assert.Equal("Action=A&Version=1&Port=8080&Enabled=true&Off=false", query.Encode());
    }

    [Fact]
    public void AddList_NumbersMembersFromOne()
    {
        var query = new QueryParameters("A", "1").AddList("Subnets", new[] { "subnet-1", "subnet-2" }).AddList("Empty", null);
        Assert.Equal("Action=A&Version=1&Subnets.member.1=subnet-1&Subnets.member.2=subnet-2", query.Encode());
    }

    [Fact]
    public void AddTags_KeyAndValuePerMember()
    {
        var query = new QueryParameters("A", "1").AddTags("Tags", new[] { new KeyValuePair<string, string>("Name", "web 1"), new KeyValuePair<string, string>("env", "") });
        Assert.Equal("Action=A&Version=1&Tags.member.1.Key=Name&Tags.member.1.Value=web%201&Tags.member.2.Key=env&Tags.member.2.Value=", query.Encode());
        Assert.Equal(6, query.Values.Count);
    }
}
