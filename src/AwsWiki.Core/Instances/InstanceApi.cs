using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Instances;

/// <summary>
/// The AWS calls of a listing, for one set of credentials in any region: STS for the account and
/// organization roles, EC2 DescribeRegions / DescribeInstances and SSM DescribeInstanceInformation
/// through the SDK's paginators, Organizations ListAccounts through the hand-written client.
/// The context gives endpoints and the default region; the credentials may be an assumed role's.
/// </summary>
public sealed class InstanceApi
{
    private readonly AwsContext _context;

    public InstanceApi(AwsContext context)
        : this(context, context.Credentials, null)
    {
    }

    private InstanceApi(AwsContext context, AWSCredentials credentials, string? roleArn)
    {
        _context = context;
        Credentials = credentials;
        RoleArn = roleArn;
    }

    public string DefaultRegion => _context.RegionName;

    /// <summary>The role these credentials come from, when assumed for an organization account.</summary>
    public string? RoleArn { get; }

    internal AWSCredentials Credentials { get; }

    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        using var sts = new AmazonSecurityTokenServiceClient(Credentials, Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts, DefaultRegion));
        return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Account;
    }

    /// <summary>Assumes a role once; the returned API uses its temporary credentials.</summary>
    public async Task<InstanceApi> AssumeRoleAsync(string roleArn, CancellationToken cancellationToken)
    {
        using var sts = new AmazonSecurityTokenServiceClient(Credentials, Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts, DefaultRegion));
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = "AwsWiki-GetAwsInstance",
        }, cancellationToken).ConfigureAwait(false);
        var c = response.Credentials;
        return new InstanceApi(_context, new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), roleArn);
    }

    /// <summary>The organization's ACTIVE accounts (Organizations ListAccounts, every page).</summary>
    public async Task<IReadOnlyList<OrganizationAccount>> ListActiveAccountsAsync(CancellationToken cancellationToken)
    {
        IOrganizationsClient organizations = new OrganizationsClient(_context);
        var accounts = await organizations.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        return accounts.Where(a => string.Equals(a.Status, "ACTIVE", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The regions enabled for the account (DescribeRegions without AllRegions leaves out those not opted in).</summary>
    public async Task<IReadOnlyList<string>> DescribeEnabledRegionsAsync(CancellationToken cancellationToken)
    {
        using var ec2 = Ec2(DefaultRegion);
        var response = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), cancellationToken).ConfigureAwait(false);
        return (response.Regions ?? new List<Region>()).Select(r => r.RegionName).OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<Instance>> DescribeInstancesAsync(string region, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> filters,
        CancellationToken cancellationToken)
    {
        using var ec2 = Ec2(region);
        var request = new DescribeInstancesRequest { MaxResults = 1000 };
        if (filters.Count > 0)
        {
            request.Filters = filters.Select(f => new Filter { Name = f.Key, Values = f.Value.ToList() }).ToList();
        }

        var instances = new List<Instance>();
        await foreach (var reservation in ec2.Paginators.DescribeInstances(request).Reservations.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            instances.AddRange(reservation.Instances ?? new List<Instance>());
        }

        return instances;
    }

    /// <summary>Ping status by instance id of every instance SSM manages in the region.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DescribeSsmPingStatusAsync(string region, CancellationToken cancellationToken)
    {
        using var ssm = new AmazonSimpleSystemsManagementClient(Credentials,
            Configure(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm, region));
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        var pages = ssm.Paginators.DescribeInstanceInformation(new DescribeInstanceInformationRequest { MaxResults = 50 });
        await foreach (var info in pages.InstanceInformationList.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            status[info.InstanceId] = info.PingStatus?.Value ?? string.Empty;
        }

        return status;
    }

    private AmazonEC2Client Ec2(string region) => new(Credentials, Configure(new AmazonEC2Config(), AwsService.Ec2, region));

    /// <summary>The context's endpoints, but this region: the region to sign for when an endpoint override is set.</summary>
    private TConfig Configure<TConfig>(TConfig config, AwsService service, string region)
        where TConfig : ClientConfig
    {
        _context.Configure(config, service);
        if (config.ServiceURL is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else if (service.GlobalSigningRegion is null)
        {
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
