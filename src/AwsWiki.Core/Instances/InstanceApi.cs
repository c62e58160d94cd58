using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement.Model;
using AwsWiki.Aws;
using AwsWiki.Clients;

namespace AwsWiki.Instances;

/// <summary>
/// The AWS calls of a listing, for one set of credentials in any region: STS for the account and
/// organization roles (the one STS path), EC2 DescribeRegions / DescribeInstances and SSM
/// DescribeInstanceInformation through the SDK's paginators, Organizations ListAccounts through
/// the hand-written client; every request through the client factory and the call path.
/// </summary>
internal sealed class InstanceApi
{
    private readonly AwsContext _context;

    public InstanceApi(AwsContext context, string? roleArn = null)
    {
        _context = context;
        RoleArn = roleArn;
    }

    public string DefaultRegion => _context.RegionName;

    /// <summary>The role these credentials come from, when assumed for an organization account.</summary>
    public string? RoleArn { get; }

    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken) =>
        (await StsApi.GetCallerIdentityAsync(_context, cancellationToken).ConfigureAwait(false)).Account;

    /// <summary>Assumes a role once; the returned API uses its temporary credentials.</summary>
    public async Task<InstanceApi> AssumeRoleAsync(string roleArn, CancellationToken cancellationToken) =>
        new(await StsApi.AssumeRoleContextAsync(_context, roleArn, "AwsWiki-GetAwsInstance", cancellationToken).ConfigureAwait(false), roleArn);

    /// <summary>The organization's ACTIVE accounts (Organizations ListAccounts, every page).</summary>
    public async Task<IReadOnlyList<OrganizationAccount>> ListActiveAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = await new OrganizationsClient(_context).ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        return accounts.Where(a => string.Equals(a.Status, "ACTIVE", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The regions enabled for the account (DescribeRegions without AllRegions leaves out those not opted in).</summary>
    public async Task<IReadOnlyList<string>> DescribeEnabledRegionsAsync(CancellationToken cancellationToken)
    {
        using var ec2 = AwsClientFactory.Ec2(_context);
        var response = await ec2.CallAsync("DescribeRegions", (c, token) => c.DescribeRegionsAsync(new DescribeRegionsRequest(), token), cancellationToken)
            .ConfigureAwait(false);
        return (response.Regions ?? new List<Region>()).Select(r => r.RegionName).OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<Instance>> DescribeInstancesAsync(string region, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> filters,
        CancellationToken cancellationToken)
    {
        using var ec2 = AwsClientFactory.Ec2(_context, region);
        var request = new DescribeInstancesRequest { MaxResults = 1000 };
        if (filters.Count > 0)
        {
            request.Filters = filters.Select(f => new Filter { Name = f.Key, Values = f.Value.ToList() }).ToList();
        }

        var instances = new List<Instance>();
        await foreach (var page in ec2.PagesAsync("DescribeInstances", c => c.Paginators.DescribeInstances(request).Responses, cancellationToken).ConfigureAwait(false))
        {
            foreach (var reservation in page.Reservations ?? new List<Reservation>())
            {
                instances.AddRange(reservation.Instances ?? new List<Instance>());
            }
        }

        return instances;
    }

    /// <summary>Ping status by instance id of every instance SSM manages in the region.</summary>
    /// <summary>The latest Linux/UNIX spot price of each type (its lowest zone), read by the GPU path's EC2 inventory.</summary>
    public async Task<IReadOnlyDictionary<string, double>> LatestSpotPricesAsync(string region, IReadOnlyList<string> instanceTypes, CancellationToken cancellationToken)
    {
        using var inventory = new Gpu.Ec2GpuInventory(_context, region);
        return await inventory.LatestSpotPricesAsync(instanceTypes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> DescribeSsmPingStatusAsync(string region, CancellationToken cancellationToken)
    {
        using var ssm = AwsClientFactory.Ssm(_context, region);
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new DescribeInstanceInformationRequest { MaxResults = 50 };
        await foreach (var page in ssm.PagesAsync("DescribeInstanceInformation", c => c.Paginators.DescribeInstanceInformation(request).Responses, cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var info in page.InstanceInformationList ?? new List<InstanceInformation>())
            {
                status[info.InstanceId] = info.PingStatus?.Value ?? string.Empty;
            }
        }

        return status;
    }
}
