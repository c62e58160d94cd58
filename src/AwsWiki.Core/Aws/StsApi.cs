using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;

namespace AwsWiki.Aws;

/// <summary>
/// The one STS path: GetCallerIdentity and AssumeRole for every feature (who-am-I, the account of
/// a profile, organization roles, assume-role profiles), through the client factory and the call path.
/// </summary>
internal static class StsApi
{
    public static async Task<(string Account, string Arn, string UserId)> GetCallerIdentityAsync(AwsContext context, CancellationToken cancellationToken)
    {
        using var sts = AwsClientFactory.Sts(context);
        var response = await sts.CallAsync("GetCallerIdentity", (c, token) => c.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken)
            .ConfigureAwait(false);
        return (response.Account, response.Arn, response.UserId);
    }

    /// <summary>A role's temporary keys and when they expire (UTC).</summary>
    public static async Task<(ImmutableCredentials Keys, DateTime ExpirationUtc, string? AssumedRoleId, string? AssumedRoleArn)> AssumeRoleAsync(
        AwsContext context, AssumeRoleRequest request, CancellationToken cancellationToken)
    {
        using var sts = AwsClientFactory.Sts(context);
        var response = await sts.CallAsync("AssumeRole", (c, token) => c.AssumeRoleAsync(request, token), cancellationToken, target: request.RoleArn)
            .ConfigureAwait(false);
        var c = response.Credentials;
        return (new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), (c.Expiration ?? DateTime.UtcNow.AddHours(1)).ToUniversalTime(),
            response.AssumedRoleUser?.AssumedRoleId, response.AssumedRoleUser?.Arn);
    }

    /// <summary>Assumes a role with the context's credentials; the returned context acts as the role.</summary>
    public static async Task<AwsContext> AssumeRoleContextAsync(AwsContext context, string roleArn, string sessionName, CancellationToken cancellationToken)
    {
        var role = await AssumeRoleAsync(context, new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName }, cancellationToken).ConfigureAwait(false);
        return context.WithCredentials(new SessionAWSCredentials(role.Keys.AccessKey, role.Keys.SecretKey, role.Keys.Token),
            $"role {roleArn} assumed with {context.CredentialSource}");
    }
}
