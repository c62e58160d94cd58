using System;
using System.Collections.Generic;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Profiles;
using AwsWiki.Sso;
using SsoSessionConfig = AwsWiki.Sso.SsoSession;

namespace AwsWiki.Commands.Sso;

/// <summary>
/// Writes one profile per IAM Identity Center account and role assigned to the signed-in user;
/// with -Prune removes the session's profiles whose assignment is gone. -WhatIf lists the changes.
/// </summary>
[Cmdlet(VerbsData.Sync, "AwsSsoProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SsoProfileChange))]
public sealed class SyncAwsSsoProfileCommand : AwsRequestCmdlet
{
    private const int ActivityId = 0x551;

    [Parameter(Mandatory = true, Position = 0)]
    public string SsoSession { get; set; } = string.Empty;

    [Parameter]
    public string NameFormat { get; set; } = SsoProfileNames.DefaultFormat;

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter]
    public SwitchParameter Prune { get; set; }

    protected override void EndProcessing()
    {
        var store = ProfileStore.FromEnvironment();
        IReadOnlyList<SsoProfileChange> changes;
        IReadOnlyList<AwsWikiException> conflicts;
        try
        {
            SsoProfileNames.Validate(NameFormat);
            var session = SsoSessionConfig.FromSection(store.Load(), SsoSession);
            var assignments = Await(new SsoProfileSync(session, new SsoTokenCache(), RequestTimeout).ReadAssignmentsAsync(Reporter, ActivityId, CancelToken));
            foreach (var failure in assignments.Failures)
            {
                WriteFailure(failure, failure.Target);
            }

            var files = store.Load();
            ProfileStore.EnsureWritable(files);
            var plan = SsoProfileSync.Plan(session, files, assignments, NameFormat, Region ?? session.Region, Prune);
            (changes, conflicts) = (plan.Changes, plan.Conflicts);
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, SsoSession);
            return;
        }

        foreach (var conflict in conflicts)
        {
            WriteFailure(conflict, conflict.Target);
        }

        foreach (var change in changes)
        {
            Write(store, store.ConfigPath, change);
        }
    }

    private void Write(ProfileStore store, string configPath, SsoProfileChange change)
    {
        if (change.Action == SsoProfileAction.Unchanged)
        {
            WriteObject(change);
            return;
        }

        var action = change.Action switch
        {
            SsoProfileAction.Added => $"Add profile for account {change.AccountId} ({change.AccountName}), role {change.RoleName}",
            SsoProfileAction.Updated => $"Update profile to account {change.AccountId} ({change.AccountName}), role {change.RoleName}",
            _ => $"Remove profile: account {change.AccountId} role {change.RoleName} is no longer assigned",
        };
        if (!ShouldProcess($"Profile '{change.ProfileName}' in {configPath}", action))
        {
            return;
        }

        try
        {
            SsoProfileSync.Apply(store, change);
            WriteObject(change);
        }
        catch (AwsWikiException e)
        {
            WriteFailure(e, change.ProfileName);
        }
    }
}
