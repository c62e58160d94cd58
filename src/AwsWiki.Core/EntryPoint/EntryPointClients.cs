using System;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>The four services an entry point spans, and the region it lives in.</summary>
public sealed class EntryPointClients : IDisposable
{
    public EntryPointClients(IElbv2Client elbv2, IRoute53Client route53, IAcmClient acm, IEntryPointEc2 ec2, string region)
    {
        Elbv2 = elbv2;
        Route53 = route53;
        Acm = acm;
        Ec2 = ec2;
        Region = region;
    }

    public IElbv2Client Elbv2 { get; }

    public IRoute53Client Route53 { get; }

    public IAcmClient Acm { get; }

    public IEntryPointEc2 Ec2 { get; }

    public string Region { get; }

    public static EntryPointClients Create(AwsContext context)
    {
        return new EntryPointClients(new Elbv2Client(context), new Route53Client(context), new AcmClient(context), new Ec2EntryPointClient(context),
            context.Region.SystemName);
    }

    public void Dispose() => (Ec2 as IDisposable)?.Dispose();
}
