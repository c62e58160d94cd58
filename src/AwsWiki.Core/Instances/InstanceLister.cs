using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Instances;

/// <summary>
/// Get-AwsInstance's work on the fan-out engine, in two stages. First, per profile: the account
/// from STS (once), with -OrganizationRoleName the organization's active accounts and one
/// AssumeRole each, and the regions (DescribeRegions once per account when -AllRegions or a
/// wildcard asks for them). Then every (account, region) pair lists its instances, at most
/// ThrottleLimit pairs at once and <see cref="InstanceQuery.PerAccountLimit"/> per account. Each
/// pair's instances arrive in <see cref="Results"/> as soon as it is done; a failing profile,
/// account or pair arrives as one result with its error, and the rest go on.
/// </summary>
internal sealed class InstanceLister
{
    private const int ActivityId = 3401;
    private const string Activity = "Listing EC2 instances";

    private readonly InstanceQuery _query;
    private readonly IActivityReporter _reporter;

    public InstanceLister(InstanceQuery query, IActivityReporter reporter)
    {
        _query = query;
        _reporter = reporter;
    }

    /// <summary>Each pair's instances (or a failure), in the order they finish; read while <see cref="RunAsync"/> runs.</summary>
    public ConcurrentQueue<FanOutResult<IReadOnlyList<AwsInstance>>> Results { get; } = new();

    /// <param name="profiles">One resolved context per profile (credentials resolved once, on the caller's thread).</param>
    public async Task RunAsync(IReadOnlyList<(string? ProfileName, AwsContext Context)> profiles, CancellationToken cancellationToken)
    {
        _reporter.Progress(ActivityId, Activity, "Resolving accounts and regions", -1);
        var accounts = new FanOut(_reporter, ActivityId, Activity, "profiles", _query.ThrottleLimit, InstanceQuery.PerAccountLimit);
        var pairs = new FanOut(_reporter, ActivityId, Activity, "profile/region pairs", _query.ThrottleLimit, InstanceQuery.PerAccountLimit);
        try
        {
            var byProfile = profiles.Select(p => new FanOutScope(p.ProfileName, null, null)).ToList();
            var discovered = await accounts.RunAsync(byProfile, (scope, token) => DiscoverAsync(scope, profiles[byProfile.IndexOf(scope)].Context, token),
                cancellationToken, failure: Errors.ProfileUnusable).ConfigureAwait(false);

            var work = new List<(FanOutScope Scope, InstanceApi Api)>();
            foreach (var result in discovered)
            {
                if (result.Error is not null)
                {
                    Results.Enqueue(new FanOutResult<IReadOnlyList<AwsInstance>>(result.Scope, null, result.Error));
                    continue;
                }

                foreach (var (scope, api, error) in result.Value!)
                {
                    if (error is not null)
                    {
                        Results.Enqueue(new FanOutResult<IReadOnlyList<AwsInstance>>(scope, null, error));
                    }
                    else
                    {
                        work.Add((scope, api!));
                    }
                }
            }

            var scopes = work.Select(w => w.Scope).ToList();
            await pairs.RunAsync(scopes, (scope, token) => ListPairAsync(scope, work[scopes.IndexOf(scope)].Api, token), cancellationToken,
                Results.Enqueue, Errors.InstanceQueryFailed).ConfigureAwait(false);
        }
        finally
        {
            pairs.Complete();
        }
    }

    /// <summary>A profile's (account, region) pairs to list, with the API to list each; per-account failures isolated.</summary>
    private async Task<IReadOnlyList<(FanOutScope Scope, InstanceApi? Api, AwsWikiException? Error)>> DiscoverAsync(FanOutScope profile, AwsContext context,
        CancellationToken cancellationToken)
    {
        var api = new InstanceApi(context);
        var accountId = await api.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        _reporter.Verbose($"Profile '{profile.ProfileName}' is account {accountId}.");
        var own = profile.ForAccount(accountId, null);
        var accounts = new List<(FanOutScope Scope, InstanceApi? Api, AwsWikiException? Error)>();
        if (string.IsNullOrEmpty(_query.OrganizationRoleName))
        {
            accounts.Add((own, api, null));
        }
        else
        {
            IReadOnlyList<Clients.OrganizationAccount> members;
            try
            {
                members = await api.ListActiveAccountsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return new[] { (own, (InstanceApi?)null, (AwsWikiException?)FanOut.Isolate(own, e, Errors.OrganizationUnreadable)) };
            }

            _reporter.Verbose($"The organization of profile '{profile.ProfileName}' has {members.Count} active accounts.");
            foreach (var account in members)
            {
                // The management account has no organization role of its own: its instances are listed with the profile's credentials.
                var roleArn = account.Id == accountId ? null : $"arn:aws:iam::{account.Id}:role/{_query.OrganizationRoleName}";
                var scope = profile.ForAccount(account.Id, roleArn);
                try
                {
                    accounts.Add((scope, roleArn is null ? api : await api.AssumeRoleAsync(roleArn, cancellationToken).ConfigureAwait(false), null));
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    accounts.Add((scope, null, FanOut.Isolate(scope, e, Errors.OrganizationRoleUnusable)));
                }
            }
        }

        var pairs = new List<(FanOutScope, InstanceApi?, AwsWikiException?)>();
        foreach (var (scope, accountApi, error) in accounts)
        {
            if (error is not null)
            {
                pairs.Add((scope, null, error));
                continue;
            }

            IReadOnlyList<string>? enabled = null;
            if (_query.NeedsRegionList)
            {
                try
                {
                    enabled = await accountApi!.DescribeEnabledRegionsAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    pairs.Add((scope, null, FanOut.Isolate(scope, e, Errors.RegionListUnavailable)));
                    continue;
                }
            }

            pairs.AddRange(_query.RegionsFor(accountApi!.DefaultRegion, enabled).Select(region => (scope.InRegion(region), (InstanceApi?)accountApi, (AwsWikiException?)null)));
        }

        return pairs;
    }

    private async Task<IReadOnlyList<AwsInstance>> ListPairAsync(FanOutScope scope, InstanceApi api, CancellationToken cancellationToken)
    {
        var region = scope.Region!;
        var found = await api.DescribeInstancesAsync(region, _query.Ec2Filters(), cancellationToken).ConfigureAwait(false);
        found = found.Where(i => Gpu.GlobPattern.AnyMatch(_query.InstanceTypes, i.InstanceType?.Value ?? string.Empty)).ToList();
        if (found.Count == 0)
        {
            return Array.Empty<AwsInstance>();
        }

        IReadOnlyDictionary<string, string>? ssm = null;
        try
        {
            ssm = await api.DescribeSsmPingStatusAsync(region, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsWikiException e) when (!cancellationToken.IsCancellationRequested)
        {
            // An optional signal: the instances still come out, SsmPingStatus empty.
            _reporter.Warning($"SSM status unknown for {scope}: {e.Message}");
        }

        var now = DateTime.UtcNow;
        var instances = found.Select(i => InstanceMapper.Map(i, scope.ProfileName, scope.AccountId, region, api.RoleArn, ssm, now))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        if (_query.LivePriceList is { } priceList)
        {
            await InstancePricing.ApplyLiveAsync(instances, priceList, types => api.LatestSpotPricesAsync(region, types, cancellationToken), _reporter, region,
                cancellationToken).ConfigureAwait(false);
        }

        return instances;
    }
}
