using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SSO;
using Amazon.SSO.Model;
using AwsWiki.Aws;
using AwsWiki.Profiles;

namespace AwsWiki.Sso;

/// <summary>
/// Sync-AwsSsoProfile's work: the session's account and role assignments from the portal
/// (ListAccounts, then ListAccountRoles per account through the fan-out engine, every page), a plan
/// of profiles to add, update and (with -Prune) remove, and each change written through the one
/// profile writer. A profile that already says what it should is not written: a second run changes
/// no byte.
/// </summary>
internal sealed class SsoProfileSync
{
    /// <summary>ListAccountRoles calls in flight at once: the portal throttles per user.</summary>
    public const int ThrottleLimit = 4;

    private readonly SsoSession _session;
    private readonly SsoTokenCache _cache;
    private readonly AwsContext _context;
    private readonly TimeSpan? _timeout;

    public SsoProfileSync(SsoSession session, SsoTokenCache cache, TimeSpan? timeout = null)
    {
        _session = session;
        _cache = cache;
        _timeout = timeout;
        _context = SsoSignIn.ContextFor(session, timeout);
    }

    /// <summary>Every account and role the signed-in user is assigned; accounts whose roles could not be read come back as errors.</summary>
    public async Task<SsoAssignments> ReadAssignmentsAsync(IActivityReporter reporter, int activityId, CancellationToken cancellationToken)
    {
        var token = await AccessTokenAsync(reporter, cancellationToken).ConfigureAwait(false);
        using var client = AwsClientFactory.Sso(_context);
        var accounts = new List<AccountInfo>();
        await foreach (var page in client.PagesAsync("ListAccounts", c => c.Paginators.ListAccounts(new ListAccountsRequest { AccessToken = token }).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            accounts.AddRange(page.AccountList ?? new List<AccountInfo>());
        }

        reporter.Verbose($"IAM Identity Center session {_session.DisplayName}: {accounts.Count} account(s).");
        var fanOut = new FanOut(reporter, activityId, $"Reading the roles of {_session.DisplayName}", "accounts", ThrottleLimit, perAccountLimit: 1);
        var scopes = accounts.Select(a => new FanOutScope(null, a.AccountId, _session.Region)).ToList();
        var results = await fanOut.RunAsync(scopes, async (scope, ct) =>
        {
            var roles = new List<string>();
            await foreach (var page in client.PagesAsync("ListAccountRoles",
                               c => c.Paginators.ListAccountRoles(new ListAccountRolesRequest { AccessToken = token, AccountId = scope.AccountId }).Responses, ct)
                               .ConfigureAwait(false))
            {
                roles.AddRange((page.RoleList ?? new List<RoleInfo>()).Select(r => r.RoleName));
            }

            return roles;
        }, cancellationToken).ConfigureAwait(false);
        fanOut.Complete();

        var assignments = new List<SsoAssignment>();
        var failures = new List<AwsWikiException>();
        var failedAccounts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                failures.Add(error);
                failedAccounts.Add(accounts[i].AccountId);
                continue;
            }

            foreach (var role in results[i].Value!)
            {
                assignments.Add(new SsoAssignment(accounts[i].AccountId, accounts[i].AccountName ?? accounts[i].AccountId, role));
            }
        }

        return new SsoAssignments(assignments, failures, failedAccounts);
    }

    /// <summary>
    /// What to write: one profile per assignment (named by <paramref name="nameFormat"/>; a name two
    /// assignments share gets the account id added), and with <paramref name="prune"/> the session's
    /// profiles whose account and role are no longer assigned, except in accounts whose roles could not be read.
    /// </summary>
    public static SsoSyncPlan Plan(SsoSession session, ProfileFiles files, SsoAssignments assignments, string nameFormat, string region, bool prune)
    {
        SsoProfileNames.Validate(nameFormat);
        var sessionName = session.Name!;
        var changes = new List<SsoProfileChange>();
        var conflicts = new List<AwsWikiException>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in assignments.Items.OrderBy(a => a.AccountName, StringComparer.Ordinal).ThenBy(a => a.AccountId, StringComparer.Ordinal)
                     .ThenBy(a => a.RoleName, StringComparer.Ordinal))
        {
            var name = SsoProfileNames.Format(nameFormat, a.AccountName, a.AccountId, a.RoleName, sessionName);
            if (!taken.Add(name))
            {
                name = SsoProfileNames.Safe(name + "-" + a.AccountId);
                taken.Add(name);
            }

            var action = SsoProfileAction.Added;
            if (files.Exists(name))
            {
                var values = files.ConfigValues(name);
                if (values is null || Text(values, "sso_session") != sessionName || files.CredentialsValues(name) is not null)
                {
                    conflicts.Add(Errors.SsoProfileNameTaken.New(name, name, sessionName, a.AccountId, a.RoleName));
                    continue;
                }

                action = Text(values, "sso_account_id") == a.AccountId && Text(values, "sso_role_name") == a.RoleName && Text(values, "region") == region
                    ? SsoProfileAction.Unchanged
                    : SsoProfileAction.Updated;
            }

            changes.Add(new SsoProfileChange(name, action, a.AccountId, a.AccountName, a.RoleName, sessionName, region));
        }

        if (prune)
        {
            // Gone: a profile of this session whose account and role are no longer assigned (whatever its name).
            var assigned = new HashSet<string>(assignments.Items.Select(a => a.AccountId + "/" + a.RoleName), StringComparer.Ordinal);
            foreach (var name in files.Names.Where(n => !taken.Contains(n)))
            {
                if (files.ConfigValues(name) is { } values && Text(values, "sso_session") == sessionName && Text(values, "sso_account_id") is { } account &&
                    !assignments.FailedAccounts.Contains(account) && !assigned.Contains(account + "/" + Text(values, "sso_role_name")))
                {
                    changes.Add(new SsoProfileChange(name, SsoProfileAction.Removed, account, null, Text(values, "sso_role_name") ?? string.Empty, sessionName,
                        Text(values, "region")));
                }
            }
        }

        return new SsoSyncPlan(changes, conflicts);
    }

    /// <summary>Writes one change through the profile writer (locks, atomic replace, bytes kept).</summary>
    public static void Apply(ProfileStore store, SsoProfileChange change)
    {
        switch (change.Action)
        {
            case SsoProfileAction.Added:
            case SsoProfileAction.Updated:
                store.Set(change.ProfileName, new ProfileSettings
                {
                    SsoSession = change.SsoSession,
                    SsoAccountId = change.AccountId,
                    SsoRoleName = change.RoleName,
                    Region = change.Region,
                });
                break;
            case SsoProfileAction.Removed:
                store.Remove(change.ProfileName);
                break;
        }
    }

    /// <summary>The cached access token; an expired one is renewed with the refresh token when there is one.</summary>
    private async Task<string> AccessTokenAsync(IActivityReporter reporter, CancellationToken cancellationToken)
    {
        var token = _cache.ReadToken(_session);
        if (token is not null && token.IsValid(DateTime.UtcNow, TimeSpan.FromMinutes(1)))
        {
            return token.AccessToken;
        }

        if (await new SsoSignIn(_session, _cache, _timeout).TryRefreshAsync(reporter, cancellationToken).ConfigureAwait(false) is not null &&
            _cache.ReadToken(_session) is { } renewed)
        {
            reporter.Verbose($"Renewed the sign-in to {_session.DisplayName} with its refresh token.");
            return renewed.AccessToken;
        }

        throw Errors.SsoNotSignedIn.New(_session.DisplayName, _session.DisplayName, _session.ConnectCommand());
    }

    private static string? Text(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out var value) && value is string text ? text.Trim() : null;
}

internal sealed record SsoAssignment(string AccountId, string AccountName, string RoleName);

internal sealed record SsoAssignments(IReadOnlyList<SsoAssignment> Items, IReadOnlyList<AwsWikiException> Failures, ISet<string> FailedAccounts);

internal sealed record SsoSyncPlan(IReadOnlyList<SsoProfileChange> Changes, IReadOnlyList<AwsWikiException> Conflicts);

public enum SsoProfileAction
{
    Unchanged,
    Added,
    Updated,
    Removed,
}

/// <summary>Sync-AwsSsoProfile's output: one profile and what the sync did to it.</summary>
public sealed class SsoProfileChange
{
    public SsoProfileChange(string profileName, SsoProfileAction action, string accountId, string? accountName, string roleName, string ssoSession, string? region)
    {
        ProfileName = profileName;
        Action = action;
        AccountId = accountId;
        AccountName = accountName;
        RoleName = roleName;
        SsoSession = ssoSession;
        Region = region;
    }

    public string ProfileName { get; }

    public SsoProfileAction Action { get; }

    public string AccountId { get; }

    /// <summary>The account's name in IAM Identity Center; empty for a removed profile.</summary>
    public string? AccountName { get; }

    public string RoleName { get; }

    public string SsoSession { get; }

    public string? Region { get; }
}
