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
            var identity = new AwsCallerIdentity
            {
                Account = account,
                Arn = arn,
                UserId = userId,
                ProfileName = context.ProfileName,
                Region = context.RegionName,
            };
            if (identity.IsRoot)
            {
                WriteWarning($"These are the root user's credentials of account {account}. Use an IAM user or role for daily work, " +
                    "and keep the root user for the few tasks that need it (AWS: 'Root user best practices').");
            }

            WriteObject(identity);
        }
        catch (System.Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(e, context.ProfileName);
        }
    }
}
