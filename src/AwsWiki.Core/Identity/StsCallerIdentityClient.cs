using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsWiki.Aws;

namespace AwsWiki.Identity;

/// <summary>STS GetCallerIdentity through AWSSDK.SecurityToken.</summary>
public sealed class StsCallerIdentityClient : ICallerIdentityClient
{
    private readonly AwsContext _context;

    public StsCallerIdentityClient(AwsContext context) => _context = context;

    public async Task<(string Account, string Arn, string UserId)> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        using var client = new AmazonSecurityTokenServiceClient(_context.Credentials,
            _context.Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts));
        var response = await _context.CallAsync(AwsService.Sts, token => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken)
            .ConfigureAwait(false);
        return (response.Account, response.Arn, response.UserId);
    }
}
