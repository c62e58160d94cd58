using System.Management.Automation;
using AwsWiki.Identity;

namespace AwsWiki.Commands.Profiles;

/// <summary>STS GetCallerIdentity: which account and principal the resolved credentials are.</summary>
[Cmdlet(VerbsCommon.Get, "AwsCallerIdentity")]
[OutputType(typeof(AwsCallerIdentity))]
public sealed class GetAwsCallerIdentityCommand : AwsCmdlet
{
    protected override void ProcessRecord()
    {
        var context = Context;
        try
        {
            var (account, arn, userId) = Await(new StsCallerIdentityClient(context).GetCallerIdentityAsync(CancelToken));
            WriteObject(new AwsCallerIdentity
            {
                Account = account,
                Arn = arn,
                UserId = userId,
                ProfileName = context.ProfileName,
                Region = context.RegionName,
            });
        }
        catch (System.Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(e, context.ProfileName);
        }
    }
}
