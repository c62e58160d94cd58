using System.Collections.Generic;
using System.Linq;
using AwsWiki.Essentials;

namespace AwsWiki.Core.Tests.Essentials;

/// <summary>State Manager's schedule rules, association names, and the SSM Targets limit.</summary>
public sealed class EssentialsAssociationSpecTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("rate(30 minutes)", false)]
    [InlineData("rate(1 hour)", false)]
    [InlineData("rate(2 hours)", false)]
    [InlineData("rate(1 day)", false)]
    [InlineData("cron(0 2 ? * SUN *)", false)]
    [InlineData("cron(0 2 ? * SUN *)", true)]
    public void ValidateSchedule_Accepts(string? schedule, bool applyOnlyAtCron) => EssentialsAssociationSpec.ValidateSchedule(schedule, applyOnlyAtCron);

    [Theory]
    [InlineData("rate(29 minutes)", false, "InvalidSchedule")]
    [InlineData("rate(0 minutes)", false, "InvalidSchedule")]
    [InlineData("rate(1 week)", false, "InvalidSchedule")]
    [InlineData("every day", false, "InvalidSchedule")]
    [InlineData("cron()", false, "InvalidSchedule")]
    [InlineData(null, true, "ApplyOnlyAtCronIntervalNeedsCron")]
    [InlineData("rate(1 day)", true, "ApplyOnlyAtCronIntervalNeedsCron")]
    public void ValidateSchedule_Refuses(string? schedule, bool applyOnlyAtCron, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<AwsWikiException>(() => EssentialsAssociationSpec.ValidateSchedule(schedule, applyOnlyAtCron)).ErrorId);

    private static IReadOnlyList<CommandTarget> Targets(params (string Key, string[] Values)[] tags) =>
        FleetTargets.From(tags.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Values), null);

    [Fact]
    public void NameFor_ReadableHashedAndOrderIndependent()
    {
        var a = EssentialsAssociationSpec.NameFor(Targets(("Role", new[] { "web", "api" }), ("Env", new[] { "prod" })));
        var b = EssentialsAssociationSpec.NameFor(Targets(("Env", new[] { "prod" }), ("Role", new[] { "api", "web" })));
        Assert.Equal(a, b);
        Assert.StartsWith(EssentialsAssociationSpec.NamePrefix + "Env-prod-Role-api-web-", a);
        Assert.Matches("^[A-Za-z0-9_.-]{3,128}$", a);
        Assert.NotEqual(a, EssentialsAssociationSpec.NameFor(Targets(("Role", new[] { "web" }))));
    }

    [Fact]
    public void NameFor_LongTargets_StayWithin128()
    {
        var name = EssentialsAssociationSpec.NameFor(Targets(("Name", Enumerable.Range(0, 40).Select(i => "server-" + i).ToArray())));
        Assert.InRange(name.Length, 120, 128);
        Assert.Matches("-[0-9a-f]{8}$", name);
    }

    [Fact]
    public void FleetTargets_TagsAndResourceGroup()
    {
        var targets = FleetTargets.From(new Dictionary<string, IReadOnlyList<string>> { ["Role"] = new[] { "web", "api" } }, " prod ");
        Assert.Equal("tag:Role=web|api, resource-groups:Name=prod", FleetTargets.Describe(targets));
        Assert.Equal("resource-groups:Name=prod;tag:Role=api|web;", FleetTargets.Canonical(targets));
    }

    [Fact]
    public void FleetTargets_NoneOrMoreThanFive_AreRefused()
    {
        Assert.Equal("NoTargets", Assert.Throws<AwsWikiException>(() => FleetTargets.From(null, " ")).ErrorId);
        var six = Enumerable.Range(0, 6).ToDictionary(i => "k" + i, _ => (IReadOnlyList<string>)new[] { "v" });
        Assert.Equal("TooManyTargets", Assert.Throws<AwsWikiException>(() => FleetTargets.From(six, null)).ErrorId);
    }
}
