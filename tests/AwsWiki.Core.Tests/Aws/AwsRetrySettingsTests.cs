using System;
using System.Collections.Generic;
using AwsWiki.Aws;

namespace AwsWiki.Core.Tests.Aws;

/// <summary>AWS_RETRY_MODE and AWS_MAX_ATTEMPTS as the SDKs read them (both set: the profile is not consulted).</summary>
public sealed class AwsRetrySettingsTests
{
    private static AwsRetrySettings Resolve(string mode, string attempts)
    {
        var variables = new Dictionary<string, string?> { ["AWS_RETRY_MODE"] = mode, ["AWS_MAX_ATTEMPTS"] = attempts };
        return AwsRetrySettings.Resolve(name => variables.TryGetValue(name, out var value) ? value : null, "unused");
    }

    [Theory]
    [InlineData("standard", "3", AwsRetryMode.Standard, 3)]
    [InlineData("adaptive", "10", AwsRetryMode.Adaptive, 10)]
    [InlineData(" LEGACY ", " 1 ", AwsRetryMode.Legacy, 1)]
    public void Resolve_FromEnvironment(string mode, string attempts, AwsRetryMode expectedMode, int expectedAttempts)
    {
        var settings = Resolve(mode, attempts);
        Assert.Equal(expectedMode, settings.Mode);
        Assert.Equal(expectedAttempts, settings.MaxAttempts);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("standard2")]
    public void Resolve_UnknownMode_NamesTheVariable(string mode)
    {
        var failure = Assert.Throws<AwsWikiException>(() => Resolve(mode, "3"));
        Assert.Equal("InvalidRetryMode", failure.ErrorId);
        Assert.StartsWith("AWS_RETRY_MODE is '" + mode + "'", failure.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("2.5")]
    [InlineData("three")]
    [InlineData("99999999999")]
    public void Resolve_BadAttempts_NamesTheVariable(string attempts)
    {
        var failure = Assert.Throws<AwsWikiException>(() => Resolve("standard", attempts));
        Assert.Equal("InvalidMaxAttempts", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        Assert.Contains("AWS_MAX_ATTEMPTS", failure.Message);
    }

    [Fact]
    public void Constructor_NeedsOneAttempt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsRetrySettings(AwsRetryMode.Standard, 0));

    [Fact]
    public void Default_IsStandardWithThreeAttempts()
    {
        Assert.Equal(AwsRetryMode.Standard, AwsRetrySettings.Default.Mode);
        Assert.Equal(3, AwsRetrySettings.Default.MaxAttempts);
        Assert.Equal("standard retry mode, at most 3 attempt(s)", AwsRetrySettings.Default.ToString());
    }
}
