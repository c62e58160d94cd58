using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SSO;
using Amazon.SSOOIDC;
using AwsWiki.Clients;

namespace AwsWiki.Aws;

/// <summary>
/// The one place AWS clients are made, SDK and hand-written alike, from a resolved context:
/// credentials, region, endpoint (-EndpointUrl, AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL),
/// the retry policy and the timeout. SDK clients come wrapped in <see cref="ServiceClient{TClient}"/>,
/// so their requests can only go through the call path.
/// </summary>
internal static class AwsClientFactory
{
    /// <param name="region">Another region than the context's, with the same credentials and endpoints.</param>
    public static ServiceClient<AmazonEC2Client> Ec2(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        return new(new AmazonEC2Client(target.Credentials, Configure(new AmazonEC2Config(), target, AwsService.Ec2)), target, AwsService.Ec2);
    }

    public static ServiceClient<AmazonSimpleSystemsManagementClient> Ssm(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        return new(new AmazonSimpleSystemsManagementClient(target.Credentials, Configure(new AmazonSimpleSystemsManagementConfig(), target, AwsService.Ssm)),
            target, AwsService.Ssm);
    }

    public static ServiceClient<AmazonSecurityTokenServiceClient> Sts(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        return new(new AmazonSecurityTokenServiceClient(target.Credentials, Configure(new AmazonSecurityTokenServiceConfig(), target, AwsService.Sts)),
            target, AwsService.Sts);
    }

    public static ServiceClient<AmazonS3Client> S3(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        var config = Configure(new AmazonS3Config(), target, AwsService.S3);
        // Emulators and proxies serve buckets by path, not by host name.
        config.ForcePathStyle = target.EndpointFor(AwsService.S3) is not null;
        return new(new AmazonS3Client(target.Credentials, config), target, AwsService.S3);
    }

    /// <summary>IAM Identity Center sign-in (unsigned), in the session's sso_region; AWS_ENDPOINT_URL_SSO_OIDC overrides.</summary>
    public static ServiceClient<AmazonSSOOIDCClient> SsoOidc(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        return new(new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Configure(new AmazonSSOOIDCConfig(), target, AwsService.SsoOidc)),
            target, AwsService.SsoOidc);
    }

    /// <summary>The IAM Identity Center portal (bearer token, unsigned); AWS_ENDPOINT_URL_SSO overrides.</summary>
    public static ServiceClient<AmazonSSOClient> Sso(AwsContext context, string? region = null)
    {
        var target = context.ForRegion(region);
        return new(new AmazonSSOClient(new AnonymousAWSCredentials(), Configure(new AmazonSSOConfig(), target, AwsService.Sso)), target, AwsService.Sso);
    }

    /// <summary>A hand-written client's transport: signing, retries and the call path for one service.</summary>
    /// <param name="defaultEndpoint">The service's endpoint when nothing overrides it; {region} is replaced by the region.</param>
    public static AwsRequestSender Sender(AwsContext context, AwsService service, string defaultEndpoint, string? region = null)
    {
        var target = context.ForRegion(region);
        return new AwsRequestSender(target, service, defaultEndpoint.Replace("{region}", target.RegionName));
    }

    /// <summary>Points an SDK client config at the context's region and endpoint, with the one retry and timeout policy.</summary>
    private static TConfig Configure<TConfig>(TConfig config, AwsContext context, AwsService service)
        where TConfig : ClientConfig
    {
        var endpoint = context.EndpointFor(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = context.Region;
        }
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = context.SigningRegionFor(service);
        }

        config.Timeout = context.Timeout;
        config.RetryMode = context.Retry.Mode == AwsRetryMode.Adaptive ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
        config.MaxErrorRetry = context.Retry.MaxAttempts - 1;
        return config;
    }
}
