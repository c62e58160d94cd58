using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

/// <summary>ProfileFiles maps sections to profiles as botocore's build_profile_map does.</summary>
public sealed class ProfileFilesTests
{
    internal static ProfileFiles Files(string credentials, string config) =>
        new("credentials", IniDocument.Parse(credentials), "config", IniDocument.Parse(config));

    [Fact]
    public void Names_UnionOfBothFiles_SortedCaseInsensitively()
    {
        var files = Files("[default]\n[Zeta]\n[alpha]\n", "[profile beta]\n[default]\n[sso-session corp]\n[plain]\n");
        Assert.Equal(new[] { "alpha", "beta", "default", "Zeta" }, files.Names);
    }

    [Fact]
    public void ConfigSection_QuotedName_IsOneShellWord()
    {
        var files = Files(string.Empty, "[profile 'my profile']\nregion = eu-west-1\n");
        Assert.True(files.Exists("my profile"));
        Assert.Equal("eu-west-1", files.ConfigValues("my profile")!["region"]);
    }

    [Fact]
    public void ConfigSection_LastSectionNamingTheProfileWins()
    {
        var files = Files(string.Empty, "[profile a]\nregion = one\n[profile  a]\nregion = two\n");
        Assert.Equal("two", files.ConfigValues("a")!["region"]);
        Assert.Equal(2, System.Linq.Enumerable.Count(files.AllConfigSections("a")));
    }

    [Fact]
    public void ConfigFile_PlainSectionOtherThanDefault_IsNotAProfile()
    {
        var files = Files(string.Empty, "[work]\nregion = x\n");
        Assert.False(files.Exists("work"));
        Assert.Empty(files.Names);
    }

    [Fact]
    public void MergedValues_CredentialsFileKeysWinOverConfig()
    {
        var files = Files("[a]\nregion = from-credentials\naws_access_key_id = AKIA\n", "[profile a]\nregion = from-config\noutput = json\n");
        var merged = files.MergedValues("a")!;
        Assert.Equal("from-credentials", merged["region"]);
        Assert.Equal("json", merged["output"]);
        Assert.Equal("AKIA", merged["aws_access_key_id"]);
        Assert.Null(files.MergedValues("missing"));
    }

    [Fact]
    public void SsoSession_SectionsAreFoundByName()
    {
        var files = Files(string.Empty, "[sso-session 'my corp']\nsso_region = us-east-1\n");
        Assert.Equal("us-east-1", files.SsoSessionValues("my corp")!["sso_region"]);
        Assert.Null(files.SsoSessionValues("other"));
        Assert.False(files.Exists("my corp"));
    }

    [Theory]
    [InlineData("profile work", "work")]
    [InlineData("profile 'a b'", "a b")]
    [InlineData("default", "default")]
    [InlineData("profile", null)]
    [InlineData("profile a b", null)]
    [InlineData("profilework", null)]
    [InlineData("sso-session x", null)]
    [InlineData("profile 'open", null)]
    public void ProfileNameOf_Header(string header, string? expected) => Assert.Equal(expected, ProfileFiles.ProfileNameOf(header));

    [Theory]
    [InlineData("default", "default")]
    [InlineData("work", "profile work")]
    [InlineData("my profile", "profile 'my profile'")]
    [InlineData("a\"b", "profile 'a\"b'")]
    [InlineData("back\\slash", "profile 'back\\slash'")]
    public void ConfigHeaderFor_QuotesOnlyWhereNeeded(string name, string header)
    {
        Assert.Equal(header, ProfileFiles.ConfigHeaderFor(name));
        if (name != "default")
        {
            Assert.Equal(name, ProfileFiles.ProfileNameOf(header));
        }
    }

    [Fact]
    public void SsoSessionHeaderFor_Quotes() => Assert.Equal("sso-session 'a b'", ProfileFiles.SsoSessionHeaderFor("a b"));
}
