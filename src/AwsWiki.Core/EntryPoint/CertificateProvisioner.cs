using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki.Clients;

namespace AwsWiki.EntryPoint;

/// <summary>
/// The certificate branch of a run: request a DNS-validated certificate (unless the plan has one),
/// write its validation CNAME into the zone, and wait for ISSUED with progress, up to the timeout.
/// </summary>
internal sealed class CertificateProvisioner
{
    public const int ProgressActivity = 42;

    private readonly EntryPointClients _clients;
    private readonly IActivityReporter _reporter;
    private readonly ConcurrentQueue<CreatedResource> _created;
    private readonly Func<string> _whatExists;

    /// <param name="created">Shared with the other branch: what the run created, for rollback and messages.</param>
    /// <param name="whatExists">Says what the run has created so far, for a timeout message.</param>
    public CertificateProvisioner(EntryPointClients clients, IActivityReporter reporter, ConcurrentQueue<CreatedResource> created, Func<string> whatExists)
    {
        _clients = clients;
        _reporter = reporter;
        _created = created;
        _whatExists = whatExists;
    }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay grows by half each check up to this, so an issued certificate is seen within seconds without hammering ACM.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public async Task<(string Arn, string Status)> EnsureAsync(EntryPointPlan plan, CancellationToken cancellationToken)
    {
        var arn = plan.CertificateArn;
        var requested = arn is null;
        var requestedAgain = false;
        var missing = 0;
        if (arn is null)
        {
            _reporter.Verbose($"Requesting a DNS-validated certificate for {plan.DomainName}.");
            arn = await _clients.Acm.RequestCertificateAsync(plan.DomainName, DomainNames.IdempotencyToken(plan.AccountId, plan.Region, plan.DomainName),
                EntryPointTags.For(plan, EntryPointTags.CertificateRole), cancellationToken).ConfigureAwait(false);
            _created.Enqueue(new CreatedResource(EntryPointTags.CertificateRole, arn));
        }
        else if (plan.CertificateStatus == "ISSUED")
        {
            return (arn, "ISSUED");
        }

        var started = DateTime.UtcNow;
        var delay = PollInterval;
        var validationWritten = false;
        while (true)
        {
            var detail = await _clients.Acm.DescribeCertificateAsync(arn, cancellationToken).ConfigureAwait(false);
            missing = detail is null ? missing + 1 : 0;
            if (detail is null && requested && !requestedAgain && missing < 3)
            {
                // Perhaps not yet readable right after the request: look again before concluding.
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (detail is null && requested && !requestedAgain)
            {
                // The token is honoured for an hour: if its certificate was deleted since (Remove-
                // then New-HttpsEntryPoint), ACM may still answer with that ARN. Ask once more with
                // a token of this moment.
                _reporter.Verbose($"Certificate {arn} (from the idempotency token) no longer exists; requesting a new one.");
                arn = await _clients.Acm.RequestCertificateAsync(plan.DomainName,
                    DomainNames.IdempotencyToken(plan.AccountId, plan.Region, plan.DomainName + "|" + DateTime.UtcNow.Ticks),
                    EntryPointTags.For(plan, EntryPointTags.CertificateRole), cancellationToken).ConfigureAwait(false);
                _created.Enqueue(new CreatedResource(EntryPointTags.CertificateRole, arn));
                requestedAgain = true;
                continue;
            }

            if (detail is null)
            {
                throw Errors.CertificateNotFound.New(arn, arn);
            }

            if (detail.Status == "ISSUED")
            {
                _reporter.Verbose($"Certificate {arn} is ISSUED.");
                return (arn, detail.Status);
            }

            if (detail.Status != "PENDING_VALIDATION")
            {
                throw Errors.CertificateValidationFailed.New(arn, arn, detail.Status, UserText.Composed(_whatExists()));
            }

            // ACM fills in the validation record a few seconds after the request.
            if (!validationWritten && detail.ValidationRecords.Count > 0)
            {
                await WriteValidationRecordsAsync(plan, detail.ValidationRecords, cancellationToken).ConfigureAwait(false);
                validationWritten = true;
            }

            var waited = DateTime.UtcNow - started;
            if (waited >= plan.CertificateTimeout)
            {
                var record = detail.ValidationRecords.FirstOrDefault();
                throw Errors.CertificateValidationTimeout.New(arn, arn, plan.DomainName, plan.CertificateTimeout,
                    record is null ? "not published by ACM yet" : $"{record.RecordName} {record.RecordType} {record.RecordValue} in zone {plan.HostedZone.Name}",
                    UserText.Composed(_whatExists()));
            }

            _reporter.Progress(ProgressActivity, $"Waiting for certificate {arn}",
                $"PENDING_VALIDATION for {waited.TotalSeconds:0} s (timeout {plan.CertificateTimeout.TotalSeconds:0} s)",
                (int)(100 * waited.TotalSeconds / plan.CertificateTimeout.TotalSeconds));
            var remaining = plan.CertificateTimeout - waited;
            await Task.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(MaxPollInterval.Ticks, delay.Ticks * 3 / 2));
        }
    }

    private async Task WriteValidationRecordsAsync(EntryPointPlan plan, IReadOnlyList<CertificateValidationRecord> records, CancellationToken cancellationToken)
    {
        var changes = records
            .Where(r => DomainNames.IsWithin(r.RecordName.ToLowerInvariant(), plan.HostedZone.Name))
            .GroupBy(r => r.RecordName.ToLowerInvariant())
            .Select(g => (RecordChangeAction.Upsert, new ResourceRecordSetInfo(g.Key, g.First().RecordType, 300, new[] { g.First().RecordValue }, null, null, false)))
            .ToList();
        if (changes.Count == 0)
        {
            _reporter.Warning($"The certificate's validation records are outside zone {plan.HostedZone.Name}; add them where the names are hosted.");
            return;
        }

        _reporter.Verbose($"Writing the validation CNAME {changes[0].Item2.Name} into zone {plan.HostedZone.Name}.");
        await _clients.Route53.ChangeResourceRecordSetsAsync(plan.HostedZone.Id, changes, $"ACM validation for {plan.DomainName} (AwsWiki)", cancellationToken)
            .ConfigureAwait(false);
        _created.Enqueue(new CreatedResource("validation-record", changes[0].Item2.Name));
    }
}
