using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>The fan-out's SSM calls through AWSSDK.SimpleSystemsManagement.</summary>
public sealed class SsmFleetCommandClient : IFleetCommandClient, IDisposable
{
    // DescribeInstanceInformation takes at most 50 values in its InstanceIds filter.
    private const int DescribeChunkSize = 50;

    private readonly AmazonSimpleSystemsManagementClient _client;

    public SsmFleetCommandClient(AwsContext context)
    {
        _client = new AmazonSimpleSystemsManagementClient(context.Credentials,
            context.Configure(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm));
    }

    public async Task<IReadOnlyList<ManagedInstance>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var found = new List<ManagedInstance>();
        for (var start = 0; start < instanceIds.Count; start += DescribeChunkSize)
        {
            var chunk = instanceIds.Skip(start).Take(DescribeChunkSize).ToList();
            string? nextToken = null;
            do
            {
                var response = await _client.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
                {
                    Filters = new List<InstanceInformationStringFilter> { new() { Key = "InstanceIds", Values = chunk } },
                    MaxResults = 50,
                    NextToken = nextToken,
                }, cancellationToken).ConfigureAwait(false);
                foreach (var info in response.InstanceInformationList ?? new List<InstanceInformation>())
                {
                    found.Add(new ManagedInstance(info.InstanceId, info.PingStatus?.Value ?? "Unknown", info.PlatformName, info.PlatformVersion));
                }

                nextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(nextToken));
        }

        return found;
    }

    public async Task<string> SendCommandAsync(FleetCommandRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = request.DocumentName,
            InstanceIds = request.InstanceIds.ToList(),
            Parameters = new Dictionary<string, List<string>>
            {
                ["commands"] = request.Commands.ToList(),
                ["executionTimeout"] = new List<string> { request.ExecutionTimeoutSeconds.ToString(CultureInfo.InvariantCulture) },
            },
            MaxConcurrency = request.MaxConcurrency,
            MaxErrors = request.MaxErrors,
            Comment = request.Comment,
        }, cancellationToken).ConfigureAwait(false);
        return response.Command.CommandId;
    }

    public async Task<IReadOnlyList<InvocationState>> ListInvocationsAsync(string commandId, CancellationToken cancellationToken)
    {
        var states = new List<InvocationState>();
        string? nextToken = null;
        do
        {
            var response = await _client.ListCommandInvocationsAsync(new ListCommandInvocationsRequest
            {
                CommandId = commandId,
                MaxResults = 50,
                NextToken = nextToken,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var invocation in response.CommandInvocations ?? new List<CommandInvocation>())
            {
                states.Add(new InvocationState(invocation.InstanceId, invocation.Status?.Value ?? "Pending", invocation.StatusDetails));
            }

            nextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return states;
    }

    public async Task<InvocationDetail?> GetInvocationAsync(string commandId, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetCommandInvocationAsync(new GetCommandInvocationRequest
            {
                CommandId = commandId,
                InstanceId = instanceId,
            }, cancellationToken).ConfigureAwait(false);
            return new InvocationDetail(instanceId, response.Status?.Value ?? "Pending", response.StatusDetails, response.ResponseCode,
                response.StandardOutputContent ?? string.Empty, response.StandardErrorContent ?? string.Empty,
                DurationOf(response.ExecutionElapsedTime, response.ExecutionStartDateTime, response.ExecutionEndDateTime));
        }
        catch (InvocationDoesNotExistException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    private static TimeSpan? DurationOf(string? elapsed, string? start, string? end)
    {
        if (!string.IsNullOrEmpty(elapsed))
        {
            try
            {
                return XmlConvert.ToTimeSpan(elapsed);
            }
            catch (FormatException)
            {
                // Falls back to the start and end times below.
            }
        }

        if (DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started) &&
            DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ended) && ended >= started)
        {
            return ended - started;
        }

        return null;
    }
}
