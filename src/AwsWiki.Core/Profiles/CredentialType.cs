namespace AwsWiki.Profiles;

/// <summary>How the AWS CLI would get credentials for a profile, in botocore's order of precedence.</summary>
public enum CredentialType
{
    None,
    Static,
    Session,
    AssumeRole,
    Sso,
    Process,
}
