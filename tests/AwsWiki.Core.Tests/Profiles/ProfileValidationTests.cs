using System;
using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

public sealed class ProfileValidationTests
{
    private static readonly Func<string, bool> NoProfiles = _ => false;

    private static string ErrorIdOf(Action action) => Assert.Throws<AwsWikiException>(action).ErrorId;

    [Theory]
    [InlineData("", "ProfileNameEmpty")]
    [InlineData("a[b", "ProfileNameHasBracket")]
    [InlineData("a]", "ProfileNameHasBracket")]
    [InlineData("a\nb", "ProfileNameHasNewline")]
    [InlineData("DEFAULT", "ProfileNameReserved")]
    [InlineData(" work", "ProfileNameHasOuterWhitespace")]
    [InlineData("work\u001c", "ProfileNameHasOuterWhitespace")]
    public void ValidateName_Refuses(string name, string errorId) => Assert.Equal(errorId, ErrorIdOf(() => ProfileValidation.ValidateName(name)));

    [Theory]
    [InlineData("default")]
    [InlineData("my profile")]
    [InlineData("team/prod@123")]
    public void ValidateName_Accepts(string name) => ProfileValidation.ValidateName(name);

    [Fact]
    public void Validate_GoodStaticKeys_NoWarnings()
    {
        var warnings = ProfileValidation.Validate("work", new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "s", Region = "ap-northeast-2", Output = "json" }, NoProfiles);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Validate_OddKeyIdAndUnknownRegion_AreWarnings_WithoutTheFullKey()
    {
        var warnings = ProfileValidation.Validate("work", new ProfileSettings { AccessKeyId = "XYZ1234567890123456", SecretAccessKey = "s", Region = "mars-north-1" }, NoProfiles);
        Assert.Equal(2, warnings.Count);
        Assert.DoesNotContain("XYZ1234567890123456", warnings[0]);
        Assert.Contains("mars-north-1", warnings[1]);
    }

    public static TheoryData<ProfileSettings, string> Refused => new()
    {
        { new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE" }, "AccessKeyWithoutSecretKey" },
        { new ProfileSettings { SecretAccessKey = "s" }, "SecretKeyWithoutAccessKey" },
        { new ProfileSettings { SessionToken = "t" }, "SessionTokenWithoutKeys" },
        { new ProfileSettings { AccessKeyId = "", SecretAccessKey = "s" }, "AccessKeyEmpty" },
        { new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "" }, "SecretKeyEmpty" },
        { new ProfileSettings { RoleArn = "arn:aws:iam::12345:role/x" }, "InvalidRoleArn" },
        { new ProfileSettings { RoleArn = "arn:aws:iam::123456789012:user/x" }, "InvalidRoleArn" },
        { new ProfileSettings { SourceProfile = "nobody" }, "SourceProfileNotFound" },
        { new ProfileSettings { Output = "xml" }, "InvalidOutputFormat" },
        { new ProfileSettings { Output = "JSON" }, "InvalidOutputFormat" },
        { new ProfileSettings { DurationSeconds = 899 }, "InvalidDurationSeconds" },
        { new ProfileSettings { DurationSeconds = 43201 }, "InvalidDurationSeconds" },
        { new ProfileSettings { SsoAccountId = "12345678901" }, "InvalidSsoAccountId" },
        { new ProfileSettings { SsoStartUrl = "http://corp.awsapps.com/start" }, "InvalidSsoStartUrl" },
        { new ProfileSettings { SsoStartUrl = "not a url" }, "InvalidSsoStartUrl" },
        { new ProfileSettings { Region = "us-east-1\nx = y" }, "SettingHasNewline" },
        { new ProfileSettings { Region = " us-east-1" }, "ValueHasOuterWhitespace" },
        { new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "secret " }, "SecretHasOuterWhitespace" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_Refuses(ProfileSettings settings, string errorId) =>
        Assert.Equal(errorId, ErrorIdOf(() => ProfileValidation.Validate("work", settings, NoProfiles)));

    [Fact]
    public void Validate_SecretWithWhitespace_NeverQuotesTheSecret()
    {
        var failure = Assert.Throws<AwsWikiException>(() => ProfileValidation.Validate("work",
            new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "wJalrXUtnFEMI " }, NoProfiles));
        Assert.DoesNotContain("wJalrXUtnFEMI", failure.Message);
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
    }

    [Theory]
    [InlineData(900)]
    [InlineData(43200)]
    public void Validate_DurationBounds_AreInclusive(int seconds) =>
        Assert.Empty(ProfileValidation.Validate("work", new ProfileSettings { DurationSeconds = seconds }, NoProfiles));

    [Fact]
    public void Validate_SourceProfile_ExistingOrSelfWithKeys()
    {
        ProfileValidation.Validate("role", new ProfileSettings { RoleArn = "arn:aws:iam::123456789012:role/Admin", SourceProfile = "base" }, name => name == "base");
        ProfileValidation.Validate("self", new ProfileSettings { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "s", SourceProfile = "self" }, NoProfiles);
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("ap-northeast-2", true)]
    [InlineData("US-EAST-1", false)]
    [InlineData("eastus", false)]
    public void IsKnownRegion_AsTheSdkKnowsThem(string region, bool known) => Assert.Equal(known, ProfileValidation.IsKnownRegion(region));
}
