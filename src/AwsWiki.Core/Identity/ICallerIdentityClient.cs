using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Identity;

internal interface ICallerIdentityClient
{
    Task<(string Account, string Arn, string UserId)> GetCallerIdentityAsync(CancellationToken cancellationToken);
}
