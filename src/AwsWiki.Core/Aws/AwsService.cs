namespace AwsWiki.Aws;

/// <summary>
/// What the plumbing needs to know of a service: its id for the AWS_ENDPOINT_URL_&lt;ID&gt;
/// variable (the SDK's service id, upper case, spaces as underscores) and its SigV4 signing name.
/// </summary>
public sealed class AwsService
{
    public static readonly AwsService Ec2 = new("EC2", "ec2");
    public static readonly AwsService Sts = new("STS", "sts");
    public static readonly AwsService Ssm = new("SSM", "ssm");
    public static readonly AwsService ElasticLoadBalancingV2 = new("ELASTIC_LOAD_BALANCING_V2", "elasticloadbalancing");
    public static readonly AwsService Route53 = new("ROUTE_53", "route53", globalSigningRegion: "us-east-1");
    public static readonly AwsService Acm = new("ACM", "acm");
    public static readonly AwsService Pricing = new("PRICING", "pricing", globalSigningRegion: "us-east-1");
    public static readonly AwsService Organizations = new("ORGANIZATIONS", "organizations", globalSigningRegion: "us-east-1");
    public static readonly AwsService S3 = new("S3", "s3");
    /// <summary>IAM Identity Center's OIDC service (sign-in); its calls are not signed.</summary>
    public static readonly AwsService SsoOidc = new("SSO_OIDC", "sso-oauth");
    /// <summary>IAM Identity Center's portal (accounts, roles, role credentials, logout); not signed.</summary>
    public static readonly AwsService Sso = new("SSO", "awsssoportal");
    public static readonly AwsService ResourceGroupsTagging = new("RESOURCE_GROUPS_TAGGING_API", "tagging");
    public static readonly AwsService ServiceQuotas = new("SERVICE_QUOTAS", "servicequotas");

    public AwsService(string environmentId, string signingName, string? globalSigningRegion = null)
    {
        EnvironmentId = environmentId;
        SigningName = signingName;
        GlobalSigningRegion = globalSigningRegion;
    }

    public string EnvironmentId { get; }

    public string SigningName { get; }

    /// <summary>For services with one global endpoint (Route 53) or one API region (Price List).</summary>
    public string? GlobalSigningRegion { get; }

    public string EndpointVariable => "AWS_ENDPOINT_URL_" + EnvironmentId;

    public override string ToString() => SigningName;
}
