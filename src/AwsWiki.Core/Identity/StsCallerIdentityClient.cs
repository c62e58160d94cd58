using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Identity;

/// <summary>STS GetCallerIdentity through the one STS path (<see cref="StsApi"/>).</summary>
internal sealed class StsCallerIdentityClient : ICallerIdentityClient
{
    private readonly AwsContext _context;

    public StsCallerIdentityClient(AwsContext context) => _context = context;

    public Task<(string Account, string Arn, string UserId)> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        StsApi.GetCallerIdentityAsync(_context, cancellationToken);
}
