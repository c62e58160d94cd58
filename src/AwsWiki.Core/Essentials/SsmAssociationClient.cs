using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>State Manager calls for the essentials associations through AWSSDK.SimpleSystemsManagement.</summary>
internal sealed class SsmAssociationClient : IDisposable
{
    private readonly ServiceClient<AmazonSimpleSystemsManagementClient> _client;

    public SsmAssociationClient(AwsContext context)
    {
        _client = AwsClientFactory.Ssm(context);
    }

    /// <summary>The associations of this document (ListAssociations by document name, every page), described.</summary>
    public async Task<IReadOnlyList<EssentialsAssociationRecord>> ListAsync(string documentName, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var request = new ListAssociationsRequest
        {
            AssociationFilterList = new List<AssociationFilter> { new() { Key = AssociationFilterKey.Name, Value = documentName } },
            MaxResults = 50,
        };
        await foreach (var response in _client.PagesAsync("ListAssociations", client => client.Paginators.ListAssociations(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            ids.AddRange((response.Associations ?? new List<Association>()).Where(a => a.Name == documentName).Select(a => a.AssociationId));
        }

        var records = new List<EssentialsAssociationRecord>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            records.Add(await DescribeAsync(id, cancellationToken).ConfigureAwait(false));
        }

        return records.OrderBy(record => record.AssociationName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The association with this name, or null (ListAssociations filtered by AssociationName).</summary>
    public async Task<EssentialsAssociationRecord?> FindAsync(string associationName, CancellationToken cancellationToken)
    {
        var request = new ListAssociationsRequest
        {
            AssociationFilterList = new List<AssociationFilter> { new() { Key = AssociationFilterKey.AssociationName, Value = associationName } },
            MaxResults = 50,
        };
        await foreach (var response in _client.PagesAsync("ListAssociations", client => client.Paginators.ListAssociations(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            var match = (response.Associations ?? new List<Association>()).FirstOrDefault(a => a.AssociationName == associationName);
            if (match is not null)
            {
                return await DescribeAsync(match.AssociationId, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    public async Task<EssentialsAssociationRecord> DescribeAsync(string associationId, CancellationToken cancellationToken)
    {
        var request = new DescribeAssociationRequest { AssociationId = associationId };
        var response = await _client.CallAsync("DescribeAssociation", (client, token) => client.DescribeAssociationAsync(request, token), cancellationToken, associationId)
            .ConfigureAwait(false);
        return ToRecord(response.AssociationDescription);
    }

    public async Task<EssentialsAssociationRecord> CreateAsync(EssentialsAssociationSpec spec, CancellationToken cancellationToken)
    {
        var request = new CreateAssociationRequest
        {
            AssociationName = spec.AssociationName,
            Name = spec.DocumentName,
            DocumentVersion = spec.DocumentVersion,
            Targets = ToTargets(spec.Targets),
            Parameters = ToParameters(spec.Parameters),
            MaxConcurrency = spec.MaxConcurrency,
            MaxErrors = spec.MaxErrors,
        };
        if (!string.IsNullOrEmpty(spec.ScheduleExpression))
        {
            request.ScheduleExpression = spec.ScheduleExpression;
            request.ApplyOnlyAtCronInterval = spec.ApplyOnlyAtCronInterval;
        }

        var response = await _client.CallAsync("CreateAssociation", (client, token) => client.CreateAssociationAsync(request, token), cancellationToken,
            spec.AssociationName).ConfigureAwait(false);
        return ToRecord(response.AssociationDescription);
    }

    public async Task<EssentialsAssociationRecord> UpdateAsync(string associationId, EssentialsAssociationSpec spec, CancellationToken cancellationToken)
    {
        var request = new UpdateAssociationRequest
        {
            AssociationId = associationId,
            AssociationName = spec.AssociationName,
            Name = spec.DocumentName,
            DocumentVersion = spec.DocumentVersion,
            Targets = ToTargets(spec.Targets),
            Parameters = ToParameters(spec.Parameters),
            MaxConcurrency = spec.MaxConcurrency,
            MaxErrors = spec.MaxErrors,
            // UpdateAssociation keeps a field the request leaves out; an empty schedule removes it.
            ScheduleExpression = spec.ScheduleExpression ?? string.Empty,
            ApplyOnlyAtCronInterval = spec.ApplyOnlyAtCronInterval,
        };
        var response = await _client.CallAsync("UpdateAssociation", (client, token) => client.UpdateAssociationAsync(request, token), cancellationToken,
            spec.AssociationName).ConfigureAwait(false);
        return ToRecord(response.AssociationDescription);
    }

    public async Task DeleteAsync(string associationId, CancellationToken cancellationToken)
    {
        var request = new DeleteAssociationRequest { AssociationId = associationId };
        await _client.CallAsync("DeleteAssociation", (client, token) => client.DeleteAssociationAsync(request, token), cancellationToken, associationId)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Each instance's latest run: DescribeAssociationExecutions (newest first), then
    /// DescribeAssociationExecutionTargets per execution until every instance has its newest status.
    /// </summary>
    public async Task<IReadOnlyList<AssociationInstanceStatus>> ListInstanceStatusAsync(string associationId, CancellationToken cancellationToken)
    {
        var executions = new List<AssociationExecution>();
        var executionsRequest = new DescribeAssociationExecutionsRequest { AssociationId = associationId, MaxResults = 50 };
        await foreach (var response in _client.PagesAsync("DescribeAssociationExecutions",
                           client => client.Paginators.DescribeAssociationExecutions(executionsRequest).Responses, cancellationToken).ConfigureAwait(false))
        {
            executions.AddRange(response.AssociationExecutions ?? new List<AssociationExecution>());
        }

        var latest = new Dictionary<string, AssociationInstanceStatus>(StringComparer.Ordinal);
        foreach (var execution in executions.OrderByDescending(execution => execution.CreatedTime ?? DateTime.MinValue))
        {
            var targetsRequest = new DescribeAssociationExecutionTargetsRequest
            {
                AssociationId = associationId,
                ExecutionId = execution.ExecutionId,
                MaxResults = 50,
            };
            await foreach (var response in _client.PagesAsync("DescribeAssociationExecutionTargets",
                               client => client.Paginators.DescribeAssociationExecutionTargets(targetsRequest).Responses, cancellationToken).ConfigureAwait(false))
            {
                foreach (var target in response.AssociationExecutionTargets ?? new List<AssociationExecutionTarget>())
                {
                    if (!latest.ContainsKey(target.ResourceId))
                    {
                        latest[target.ResourceId] = new AssociationInstanceStatus(target.ResourceId, target.Status ?? string.Empty, target.DetailedStatus,
                            execution.ExecutionId, target.LastExecutionDate);
                    }
                }
            }
        }

        return latest.Values.OrderBy(status => status.InstanceId, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _client.Dispose();

    private static List<Target> ToTargets(IReadOnlyList<CommandTarget> targets) =>
        targets.Select(target => new Target { Key = target.Key, Values = target.Values.ToList() }).ToList();

    private static Dictionary<string, List<string>> ToParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> parameters) =>
        parameters.ToDictionary(entry => entry.Key, entry => entry.Value.ToList(), StringComparer.Ordinal);

    private static EssentialsAssociationRecord ToRecord(AssociationDescription description)
    {
        var counts = description.Overview?.AssociationStatusAggregatedCount ?? new Dictionary<string, int>();
        return new EssentialsAssociationRecord(
            description.AssociationId,
            description.AssociationName ?? string.Empty,
            description.Name ?? string.Empty,
            description.DocumentVersion ?? string.Empty,
            description.AssociationVersion,
            (description.Targets ?? new List<Target>()).Select(target => new CommandTarget(target.Key, (target.Values ?? new List<string>()).ToList())).ToList(),
            (description.Parameters ?? new Dictionary<string, List<string>>()).ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value.ToList(), StringComparer.Ordinal),
            string.IsNullOrEmpty(description.ScheduleExpression) ? null : description.ScheduleExpression,
            description.ApplyOnlyAtCronInterval ?? false,
            description.MaxConcurrency ?? string.Empty,
            description.MaxErrors ?? string.Empty,
            description.Overview?.Status,
            counts.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.OrdinalIgnoreCase),
            description.LastExecutionDate);
    }
}
