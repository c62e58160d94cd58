using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

/// <summary>The provider botocore's chain would take for a profile (credentials.create_credential_resolver order).</summary>
public sealed class CredentialTypeResolverTests
{
    private static CredentialType Resolve(string credentials, string config, string name = "p") =>
        CredentialTypeResolver.Resolve(name, ProfileFilesTests.Files(credentials, config));

    [Theory]
    [InlineData("[p]\naws_access_key_id = AKIA\naws_secret_access_key = s\n", "", CredentialType.Static)]
    [InlineData("[p]\naws_access_key_id = AKIA\naws_secret_access_key = s\naws_session_token = t\n", "", CredentialType.Session)]
    [InlineData("[p]\naws_access_key_id = AKIA\naws_secret_access_key = s\naws_security_token = t\n", "", CredentialType.Session)]
    [InlineData("[p]\naws_access_key_id = AKIA\n", "", CredentialType.Incomplete)]
    [InlineData("", "[profile p]\naws_access_key_id = AKIA\naws_secret_access_key = s\n", CredentialType.Static)]
    [InlineData("", "[profile p]\ncredential_process = /bin/false\n", CredentialType.Process)]
    [InlineData("", "[profile p]\nlogin_session = arn:aws:iam::123456789012:user/x\n", CredentialType.Login)]
    [InlineData("", "[profile p]\nregion = us-east-1\n", CredentialType.None)]
    [InlineData("", "", CredentialType.None)]
    public void Resolve_Keys(string credentials, string config, CredentialType expected) => Assert.Equal(expected, Resolve(credentials, config));

    [Fact]
    public void Resolve_CredentialsFileKeysComeBeforeCredentialProcess()
    {
        Assert.Equal(CredentialType.Static,
            Resolve("[p]\naws_access_key_id = AKIA\naws_secret_access_key = s\n", "[profile p]\ncredential_process = /bin/true\n"));
    }

    [Fact]
    public void Resolve_CredentialProcessComesBeforeConfigFileKeys()
    {
        Assert.Equal(CredentialType.Process,
            Resolve(string.Empty, "[profile p]\ncredential_process = /bin/true\naws_access_key_id = AKIA\naws_secret_access_key = s\n"));
    }

    [Theory]
    [InlineData("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n[profile base]\nregion = x\n", CredentialType.AssumeRole)]
    [InlineData("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = missing\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Ec2InstanceMetadata\n", CredentialType.AssumeRole)]
    [InlineData("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Laptop\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nrole_arn = r\nsource_profile = base\ncredential_source = Environment\n[profile base]\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nrole_arn = r\nsource_profile = p\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nrole_arn = r\nsource_profile = p\naws_access_key_id = AKIA\n", CredentialType.AssumeRole)]
    public void Resolve_AssumeRole(string config, CredentialType expected) => Assert.Equal(expected, Resolve(string.Empty, config));

    [Theory]
    [InlineData("[profile p]\nrole_arn = r\nweb_identity_token_file = /t\n", CredentialType.WebIdentity)]
    [InlineData("[profile p]\nweb_identity_token_file = /t\n", CredentialType.Incomplete)]
    // An empty token file is skipped (botocore tests it for truth) and role_arn alone does not select AssumeRole beside it.
    [InlineData("[profile p]\nrole_arn = r\nweb_identity_token_file =\n", CredentialType.None)]
    public void Resolve_WebIdentity(string config, CredentialType expected) => Assert.Equal(expected, Resolve(string.Empty, config));

    [Theory]
    [InlineData("[profile p]\nsso_start_url = https://x\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = R\n", CredentialType.Sso)]
    [InlineData("[profile p]\nsso_account_id = 123456789012\nsso_role_name = R\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session s]\nsso_start_url = https://x\nsso_region = us-east-1\n", CredentialType.Sso)]
    [InlineData("[profile p]\nsso_session = gone\nsso_account_id = 123456789012\nsso_role_name = R\n", CredentialType.Incomplete)]
    [InlineData("[profile p]\nsso_session = s\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\n[sso-session s]\nsso_start_url = https://x\nsso_region = us-east-1\n", CredentialType.Incomplete)]
    public void Resolve_Sso(string config, CredentialType expected) => Assert.Equal(expected, Resolve(string.Empty, config));
}
