namespace AwsWiki.Profiles;

/// <summary>
/// Where the AWS CLI would get credentials for a profile, in botocore's order of precedence
/// (see <see cref="CredentialTypeResolver"/>).
/// </summary>
public enum CredentialType
{
    /// <summary>No provider in the profile applies; botocore goes on to the container and instance metadata.</summary>
    None,

    /// <summary>aws_access_key_id and aws_secret_access_key.</summary>
    Static,

    /// <summary>Static keys with aws_session_token (or the older aws_security_token).</summary>
    Session,

    AssumeRole,
    Sso,
    Process,

    /// <summary>role_arn with web_identity_token_file.</summary>
    WebIdentity,

    /// <summary>login_session: credentials from an `aws login` session.</summary>
    Login,

    /// <summary>The profile selects a provider but misses settings it needs: the AWS CLI stops with an error.</summary>
    Incomplete,
}
