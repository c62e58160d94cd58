using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Aws;

namespace AwsWiki.Instances;

/// <summary>
/// The fan-out of Get-AwsInstance. Per profile: the account from STS (once), with
/// -OrganizationRoleName the organization's active accounts and one AssumeRole each, the regions
/// (DescribeRegions once per account when -AllRegions or a wildcard asks for them). Then every
/// (account, region) pair lists its instances, at most ThrottleLimit pairs at once overall and
/// <see cref="InstanceQuery.PerAccountLimit"/> per account. Each pair's instances arrive in
/// <see cref="Results"/> together as soon as it is done; a failing pair (or profile) arrives as
/// one result with its error, and the rest go on. Cancelling the token stops everything in flight.
/// </summary>
public sealed class InstanceLister
{
    private const int ActivityId = 3401;
    private const string Activity = "Listing EC2 instances";

    private readonly InstanceQuery _query;
    private readonly IActivityReporter _reporter;
    private readonly SemaphoreSlim _overall;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perAccount = new(StringComparer.Ordinal);
    private int _total;
    private int _done;

    public InstanceLister(InstanceQuery query, IActivityReporter reporter)
    {
        _query = query;
        _reporter = reporter;
        _overall = new SemaphoreSlim(Math.Max(1, query.ThrottleLimit));
    }

    /// <summary>Each pair's instances (or failure), in the order pairs finish; read while <see cref="RunAsync"/> runs.</summary>
    public ConcurrentQueue<InstanceResult> Results { get; } = new();

    /// <param name="profiles">One resolved context per profile (credentials resolved once, on the caller's thread).</param>
    public async Task RunAsync(IReadOnlyList<(string? ProfileName, AwsContext Context)> profiles, CancellationToken cancellationToken)
    {
        _reporter.Progress(ActivityId, Activity, "Resolving accounts and regions", -1);
        try
        {
            await Task.WhenAll(profiles.Select(p => RunProfileAsync(p.ProfileName, new InstanceApi(p.Context), cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _reporter.CompleteProgress(ActivityId, Activity);
        }
    }

    private async Task RunProfileAsync(string? profileName, InstanceApi api, CancellationToken cancellationToken)
    {
        string accountId;
        try
        {
            accountId = await Bounded(() => api.GetAccountIdAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            _reporter.Verbose($"Profile '{profileName}' is account {accountId}.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(new InstanceScope(profileName, null, null), "ProfileUnusable", "The account of the profile could not be read", e);
            return;
        }

        if (string.IsNullOrEmpty(_query.OrganizationRoleName))
        {
            await RunAccountAsync(profileName, accountId, api, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<Clients.OrganizationAccount> accounts;
        try
        {
            accounts = await Bounded(() => api.ListActiveAccountsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            _reporter.Verbose($"The organization of profile '{profileName}' has {accounts.Count} active accounts.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(new InstanceScope(profileName, accountId, null), "OrganizationUnreadable", "The organization's accounts could not be listed", e);
            return;
        }

        await Task.WhenAll(accounts.Select(async account =>
        {
            var accountApi = api;
            if (!string.Equals(account.Id, accountId, StringComparison.Ordinal))
            {
                // The management account has no organization role of its own: its instances are listed with the profile's credentials.
                var roleArn = $"arn:aws:iam::{account.Id}:role/{_query.OrganizationRoleName}";
                try
                {
                    accountApi = await Bounded(() => api.AssumeRoleAsync(roleArn, cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    Fail(new InstanceScope(profileName, account.Id, null), "OrganizationRoleUnusable", $"Role {roleArn} could not be assumed", e);
                    return;
                }
            }

            await RunAccountAsync(profileName, account.Id, accountApi, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    private async Task RunAccountAsync(string? profileName, string accountId, InstanceApi api, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? enabled = null;
        if (_query.NeedsRegionList)
        {
            try
            {
                enabled = await Bounded(() => api.DescribeEnabledRegionsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Fail(new InstanceScope(profileName, accountId, null), "RegionListUnavailable", "The account's regions could not be listed", e);
                return;
            }
        }

        var regions = _query.RegionsFor(api.DefaultRegion, enabled);
        Interlocked.Add(ref _total, regions.Count);
        var gate = _perAccount.GetOrAdd(accountId, _ => new SemaphoreSlim(InstanceQuery.PerAccountLimit));
        await Task.WhenAll(regions.Select(region => RunPairAsync(profileName, accountId, region, api, gate, cancellationToken))).ConfigureAwait(false);
    }

    private async Task RunPairAsync(string? profileName, string accountId, string region, InstanceApi api, SemaphoreSlim accountGate,
        CancellationToken cancellationToken)
    {
        var scope = new InstanceScope(profileName, accountId, region);
        // The account's gate first: a pair waiting for its account holds no overall slot another account could use.
        await accountGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var instances = await Bounded(() => ListPairAsync(scope, api, cancellationToken), cancellationToken).ConfigureAwait(false);
            Results.Enqueue(new InstanceResult(scope, instances));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(scope, "InstanceQueryFailed", "The instances could not be listed", e);
        }
        finally
        {
            accountGate.Release();
            var done = Interlocked.Increment(ref _done);
            var total = Volatile.Read(ref _total);
            _reporter.Progress(ActivityId, Activity, $"{done} of {total} profile/region pairs done ({profileName ?? accountId} {region})",
                done * 100 / Math.Max(1, total));
        }
    }

    private async Task<IReadOnlyList<AwsInstance>> ListPairAsync(InstanceScope scope, InstanceApi api, CancellationToken cancellationToken)
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
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _reporter.Warning($"SSM status unknown for {scope}: {Describe(e)}");
        }

        var now = DateTime.UtcNow;
        return found.Select(i => InstanceMapper.Map(i, scope.ProfileName, scope.AccountId, region, api.RoleArn, ssm, now))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
    }

    private async Task<T> Bounded<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await _overall.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            _overall.Release();
        }
    }

    /// <summary>The AWS error code and the most specific message (the SDK wraps some in "see inner exception").</summary>
    private static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        var message = inner.Message;
        for (var cause = inner.InnerException; cause is not null && message.IndexOf("inner exception", StringComparison.OrdinalIgnoreCase) >= 0; cause = cause.InnerException)
        {
            message = cause.Message;
        }

        if (inner is Amazon.Runtime.AmazonServiceException service && message.StartsWith("Exception of type", StringComparison.Ordinal))
        {
            message = $"HTTP {(int)service.StatusCode} {service.StatusCode}";
        }

        return AwsFailureClassifier.Classify(inner) is { } code ? $"{code.ErrorId}: {message}" : message;
    }

    private void Fail(InstanceScope scope, string errorId, string what, Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        var kind = AwsFailureClassifier.Classify(inner)?.Kind ?? FailureKind.ResourceUnavailable;
        var reason = Describe(inner);
        Results.Enqueue(new InstanceResult(scope, Array.Empty<AwsInstance>(),
            new AwsWikiException(errorId, kind, scope, $"{what} ({scope}); the others are still listed. {reason}", inner)));
    }
}
