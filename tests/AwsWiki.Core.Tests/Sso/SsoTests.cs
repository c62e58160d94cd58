using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AwsWiki.Core.Tests.Profiles;
using AwsWiki.Sso;

namespace AwsWiki.Core.Tests.Sso;

/// <summary>IAM Identity Center: profile names, the AWS CLI's cache keys and file format, session resolution and the sync plan.</summary>
public sealed class SsoTests
{
    private const string Config = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n" +
                                  "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n";

    [Theory]
    [InlineData("Data Platform", "Admin", "Data-Platform.Admin")]
    [InlineData("Équipe Überprüfung", "ReadOnly", "Équipe-Überprüfung.ReadOnly")]
    [InlineData("  [prod] #1 ", "Ops", "prod-1.Ops")]
    [InlineData("a'b\"c\td", "R", "a-b-c-d.R")]
    [InlineData("日本 アカウント", "Admin", "日本-アカウント.Admin")]
    public void Format_MakesNamesSafe(string account, string role, string expected) =>
        Assert.Equal(expected, SsoProfileNames.Format(SsoProfileNames.DefaultFormat, account, "111122223333", role, "corp"));

    [Theory]
    [InlineData("{Account}.{RoleName}")]
    [InlineData("{AccountName}")]
    [InlineData("{RoleName}")]
    public void Validate_RejectsUnknownPlaceholdersAndCollidingFormats(string format) =>
        Assert.Equal("SsoNameFormatInvalid", Assert.Throws<AwsWikiException>(() => SsoProfileNames.Validate(format)).ErrorId);

    [Fact]
    public void CacheKeys_AreTheCliOnes()
    {
        var files = ProfileFilesTests.Files(string.Empty, Config);
        var session = SsoSession.FromSection(files, "corp");
        // Python: hashlib.sha1(b'corp'), and sha1(json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)).
        Assert.Equal("ee0bfd2552fbd840c02cc48b6e823320543c450f", SsoTokenCache.Sha1Hex(session.CacheKey));
        Assert.Equal("787ef34d0a944c01385765faa28b5e67d1c08f33", SsoTokenCache.RegistrationKey(session));
        var unicode = SsoSession.FromSection(ProfileFilesTests.Files(string.Empty,
            "[sso-session Équipe]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"), "Équipe");
        Assert.Equal("06622f6812845f070a1abad5a7cc899645f052e1", SsoTokenCache.RegistrationKey(unicode));
    }

    [Fact]
    public void Token_RoundTripsInTheCliFormat()
    {
        var folder = Path.Combine(Path.GetTempPath(), "awswiki-sso-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new SsoTokenCache(folder);
            var session = SsoSession.FromSection(ProfileFilesTests.Files(string.Empty, Config), "corp");
            var expires = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            cache.WriteToken(session, new SsoToken
            {
                StartUrl = session.StartUrl, Region = session.Region, AccessToken = "t", ExpiresAtUtc = expires, ClientId = "c", ClientSecret = "s",
                RegistrationExpiresAtUtc = expires, RefreshToken = "r",
            });
            var text = File.ReadAllText(cache.TokenPath(session));
            Assert.Equal("{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"eu-west-1\",\"accessToken\":\"t\",\"expiresAt\":\"2030-01-02T03:04:05Z\"," +
                         "\"clientId\":\"c\",\"clientSecret\":\"s\",\"registrationExpiresAt\":\"2030-01-02T03:04:05Z\",\"refreshToken\":\"r\"}", text);
            var read = cache.ReadToken(session)!;
            Assert.Equal(expires, read.ExpiresAtUtc);
            Assert.True(read.CanRefresh(expires.AddDays(-1)));
            Assert.DoesNotContain("t\"", read.ToString());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("2030-01-02T03:04:05Z")]
    [InlineData("2030-01-02T03:04:05UTC")]
    [InlineData("2030-01-02T03:04:05+00:00")]
    public void ParseTime_ReadsWhatTheCliAndBotocoreWrite(string text) =>
        Assert.Equal(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc), SsoTokenCache.ParseTime(text));

    [Fact]
    public void Resolve_FindsTheSessionFromAProfileOrTheOnlySection()
    {
        var files = ProfileFilesTests.Files(string.Empty, Config + "\n[profile old]\nsso_start_url = https://legacy/start\nsso_region = us-east-1\n");
        Assert.Equal("corp", SsoSession.Resolve(files, null, "dev").Name);
        var legacy = SsoSession.Resolve(files, null, "old");
        Assert.Null(legacy.Name);
        Assert.Equal("https://legacy/start", legacy.CacheKey);
        Assert.Equal(new[] { "sso:account:access" }, SsoSession.Resolve(files, null, null).Scopes);
        Assert.Equal("SsoSessionNotFound", Assert.Throws<AwsWikiException>(() => SsoSession.Resolve(files, "nope", null)).ErrorId);
    }

    [Fact]
    public void Plan_AddsKeepsAndPrunesOnlyGoneAssignments()
    {
        var config = Config + "\n[profile Sandbox.Admin]\nsso_session = corp\nsso_account_id = 777788889999\nsso_role_name = Admin\nregion = eu-west-1\n" +
                     "\n[profile Old.Admin]\nsso_session = corp\nsso_account_id = 999999999999\nsso_role_name = Admin\nregion = eu-west-1\n" +
                     "\n[profile Broken.Admin]\nsso_session = corp\nsso_account_id = 555555555555\nsso_role_name = Admin\n" +
                     "\n[profile Data.ReadOnly]\nregion = us-east-1\n";
        var files = ProfileFilesTests.Files(string.Empty, config);
        var session = SsoSession.FromSection(files, "corp");
        var assignments = new SsoAssignments(new List<SsoAssignment>
        {
            new("111122223333", "Data", "ReadOnly"),
            new("111122223333", "Data", "Admin"),
            new("777788889999", "Sandbox", "Admin"),
        }, Array.Empty<AwsWikiException>(), new HashSet<string> { "555555555555" });
        var plan = SsoProfileSync.Plan(session, files, assignments, SsoProfileNames.DefaultFormat, "eu-west-1", prune: true);
        var actions = plan.Changes.ToDictionary(c => c.ProfileName, c => c.Action);
        Assert.Equal(SsoProfileAction.Added, actions["Data.Admin"]);
        Assert.Equal(SsoProfileAction.Unchanged, actions["Sandbox.Admin"]);
        Assert.Equal(SsoProfileAction.Removed, actions["Old.Admin"]);
        Assert.False(actions.ContainsKey("dev"), "dev's account and role are still assigned");
        Assert.False(actions.ContainsKey("Broken.Admin"), "an account whose roles could not be read is never pruned");
        Assert.Equal("SsoProfileNameTaken", Assert.Single(plan.Conflicts).ErrorId);
    }
}
