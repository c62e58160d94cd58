using System;
using AwsWiki.Aws;
using AwsWiki.Clients;
using AwsWiki.Identity;

namespace AwsWiki.EntryPoint;

/// <summary>The services an entry point spans, the tag index that finds its parts, and the region it lives in.</summary>
internal sealed class EntryPointClients : IDisposable
{
    public EntryPointClients(IElbv2Client elbv2, IRoute53Client route53, IAcmClient acm, IEntryPointEc2 ec2, ITaggingClient tagging,
        ICallerIdentityClient identity, string region)
    {
        Elbv2 = elbv2;
        Route53 = route53;
        Acm = acm;
        Ec2 = ec2;
        Tagging = tagging;
        Identity = identity;
        Region = region;
    }

    public IElbv2Client Elbv2 { get; }

    public IRoute53Client Route53 { get; }

    public IAcmClient Acm { get; }

    public IEntryPointEc2 Ec2 { get; }

    public ITaggingClient Tagging { get; }

    /// <summary>The account, for the idempotency token and the local lock.</summary>
    public ICallerIdentityClient Identity { get; }

    public string Region { get; }

    public static EntryPointClients Create(AwsContext context)
    {
        return new EntryPointClients(new Elbv2Client(context), new Route53Client(context), new AcmClient(context), new Ec2EntryPointClient(context),
            new TaggingClient(context), new StsCallerIdentityClient(context), context.Region.SystemName);
    }

    public void Dispose() => (Ec2 as IDisposable)?.Dispose();
}
