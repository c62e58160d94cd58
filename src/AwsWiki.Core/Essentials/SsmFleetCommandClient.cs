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

/// <summary>The fan-out's SSM calls through AWSSDK.SimpleSystemsManagement, paged with the SDK's paginators.</summary>
internal sealed class SsmFleetCommandClient : IFleetCommandClient, IDisposable
{
    /// <summary>What ListCommandInvocations returns inline per plugin; longer output is cut.</summary>
    public const int InlineOutputLimit = 2500;

    // DescribeInstanceInformation takes at most 50 values in its InstanceIds filter.
    private const int DescribeChunkSize = 50;

    // How SSM joins a plugin's stdout and stderr in ListCommandInvocations' Output.
    private const string ErrorSeparator = "----------ERROR-------";

    private readonly ServiceClient<AmazonSimpleSystemsManagementClient> _client;

    public SsmFleetCommandClient(AwsContext context)
    {
        _client = AwsClientFactory.Ssm(context);
    }

    public async Task<IReadOnlyList<ManagedInstance>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var found = new List<ManagedInstance>();
        for (var start = 0; start < instanceIds.Count; start += DescribeChunkSize)
        {
            var chunk = instanceIds.Skip(start).Take(DescribeChunkSize).ToList();
            found.AddRange(await DescribeAsync(new InstanceInformationStringFilter { Key = "InstanceIds", Values = chunk }, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    public async Task<IReadOnlyList<ManagedInstance>> DescribeInstancesByTagAsync(IReadOnlyList<CommandTarget> tagTargets, CancellationToken cancellationToken)
    {
        var filters = tagTargets.Select(target => new InstanceInformationStringFilter { Key = target.Key, Values = target.Values.ToList() }).ToArray();
        return await DescribeAsync(filters, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> SendCommandAsync(FleetCommandRequest request, CancellationToken cancellationToken)
    {
        var parameters = request.Parameters is null
            ? new Dictionary<string, List<string>>
            {
                ["commands"] = request.Commands.ToList(),
                ["executionTimeout"] = new List<string> { request.ExecutionTimeoutSeconds.ToString(CultureInfo.InvariantCulture) },
            }
            : request.Parameters.ToDictionary(entry => entry.Key, entry => entry.Value.ToList());
        var send = new SendCommandRequest
        {
            DocumentName = request.DocumentName,
            Parameters = parameters,
            MaxConcurrency = request.MaxConcurrency,
            MaxErrors = request.MaxErrors,
            Comment = request.Comment,
        };
        if (request.Targets is { Count: > 0 })
        {
            send.Targets = request.Targets.Select(target => new Target { Key = target.Key, Values = target.Values.ToList() }).ToList();
        }
        else
        {
            send.InstanceIds = request.InstanceIds.ToList();
        }

        if (!string.IsNullOrEmpty(request.DocumentVersion))
        {
            send.DocumentVersion = request.DocumentVersion;
        }

        if (!string.IsNullOrEmpty(request.OutputS3BucketName))
        {
            send.OutputS3BucketName = request.OutputS3BucketName;
            send.OutputS3KeyPrefix = request.OutputS3KeyPrefix;
        }

        var response = await _client.CallAsync("SendCommand", (client, token) => client.SendCommandAsync(send, token), cancellationToken,
            request.Targets is { Count: > 0 } ? FleetTargets.Describe(request.Targets) : string.Join(",", request.InstanceIds)).ConfigureAwait(false);
        return response.Command.CommandId;
    }

    public async Task<IReadOnlyList<InvocationState>> ListInvocationsAsync(string commandId, CancellationToken cancellationToken)
    {
        var states = new List<InvocationState>();
        var request = new ListCommandInvocationsRequest { CommandId = commandId, MaxResults = 50 };
        await foreach (var response in _client.PagesAsync("ListCommandInvocations", client => client.Paginators.ListCommandInvocations(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var invocation in response.CommandInvocations ?? new List<CommandInvocation>())
            {
                states.Add(new InvocationState(invocation.InstanceId, invocation.Status?.Value ?? "Pending", invocation.StatusDetails));
            }
        }

        return states;
    }

    public async Task<IReadOnlyList<InvocationDetail>> ListInvocationDetailsAsync(string commandId, CancellationToken cancellationToken)
    {
        var details = new List<InvocationDetail>();
        var request = new ListCommandInvocationsRequest { CommandId = commandId, MaxResults = 50, Details = true };
        await foreach (var response in _client.PagesAsync("ListCommandInvocations", client => client.Paginators.ListCommandInvocations(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var invocation in response.CommandInvocations ?? new List<CommandInvocation>())
            {
                details.Add(ToDetail(invocation));
            }
        }

        return details;
    }

    public async Task<CommandProgress> GetCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync("ListCommands", (client, token) => client.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, token),
            cancellationToken, commandId).ConfigureAwait(false);
        var command = response.Commands?.FirstOrDefault();
        return command is null
            ? new CommandProgress(commandId, "Pending", 0, 0, 0)
            : new CommandProgress(commandId, command.Status?.Value ?? "Pending", command.TargetCount ?? 0, command.CompletedCount ?? 0, command.ErrorCount ?? 0);
    }

    public async Task<InvocationDetail?> GetInvocationAsync(string commandId, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var request = new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId };
            var response = await _client.CallAsync("GetCommandInvocation", (client, token) => client.GetCommandInvocationAsync(request, token),
                cancellationToken, instanceId).ConfigureAwait(false);
            return new InvocationDetail(instanceId, response.Status?.Value ?? "Pending", response.StatusDetails, response.ResponseCode,
                response.StandardOutputContent ?? string.Empty, response.StandardErrorContent ?? string.Empty,
                DurationOf(response.ExecutionElapsedTime, response.ExecutionStartDateTime, response.ExecutionEndDateTime),
                S3UriOf(response.StandardOutputUrl), S3UriOf(response.StandardErrorUrl));
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InvocationDoesNotExist")
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>One invocation from ListCommandInvocations with details: the plugins' outputs joined, stdout and stderr split again.</summary>
    internal static InvocationDetail ToDetail(CommandInvocation invocation)
    {
        var plugins = invocation.CommandPlugins ?? new List<CommandPlugin>();
        var stdout = new List<string>();
        var stderr = new List<string>();
        var truncated = false;
        int? code = null;
        DateTime? started = null;
        DateTime? ended = null;
        string? outUri = null;
        string? errUri = null;
        foreach (var plugin in plugins)
        {
            var output = plugin.Output ?? string.Empty;
            truncated |= output.Length >= InlineOutputLimit || output.IndexOf("Output truncated", StringComparison.OrdinalIgnoreCase) >= 0;
            var split = output.IndexOf(ErrorSeparator, StringComparison.Ordinal);
            stdout.Add(split < 0 ? output : output.Substring(0, split).TrimEnd('\n'));
            if (split >= 0)
            {
                stderr.Add(output.Substring(split + ErrorSeparator.Length).TrimStart('\n'));
            }

            if (plugin.ResponseCode is { } responseCode && responseCode != -1)
            {
                code = code is null or 0 ? responseCode : code;
            }

            started = Earliest(started, plugin.ResponseStartDateTime);
            ended = plugin.ResponseFinishDateTime is { } finish && (ended is null || finish > ended) ? finish : ended;
            if (!string.IsNullOrEmpty(plugin.OutputS3BucketName))
            {
                var prefix = (plugin.OutputS3KeyPrefix ?? string.Empty).TrimEnd('/');
                outUri ??= $"s3://{plugin.OutputS3BucketName}/{prefix}/stdout";
                errUri ??= $"s3://{plugin.OutputS3BucketName}/{prefix}/stderr";
            }
        }

        var status = invocation.Status?.Value ?? "Pending";
        var duration = started is { } s && ended is { } e && e >= s && e.Year > 1 ? e - s : (TimeSpan?)null;
        return new InvocationDetail(invocation.InstanceId, status, invocation.StatusDetails, code ?? (status == "Success" ? 0 : null),
            string.Join("\n", stdout), string.Join("\n", stderr), duration, outUri, errUri, truncated);
    }

    private static DateTime? Earliest(DateTime? current, DateTime? candidate) =>
        candidate is { } value && value.Year > 1 && (current is null || value < current) ? value : current;

    private async Task<IReadOnlyList<ManagedInstance>> DescribeAsync(IEnumerable<InstanceInformationStringFilter> filters, CancellationToken cancellationToken)
    {
        var found = new List<ManagedInstance>();
        var request = new DescribeInstanceInformationRequest { Filters = filters.ToList(), MaxResults = 50 };
        await foreach (var response in _client.PagesAsync("DescribeInstanceInformation", client => client.Paginators.DescribeInstanceInformation(request).Responses,
                           cancellationToken).ConfigureAwait(false))
        {
            foreach (var info in response.InstanceInformationList ?? new List<InstanceInformation>())
            {
                found.Add(new ManagedInstance(info.InstanceId, info.PingStatus?.Value ?? "Unknown", info.PlatformName, info.PlatformVersion));
            }
        }

        return found;
    }

    private Task<IReadOnlyList<ManagedInstance>> DescribeAsync(InstanceInformationStringFilter filter, CancellationToken cancellationToken) =>
        DescribeAsync(new[] { filter }, cancellationToken);

    /// <summary>https://s3.region.amazonaws.com/bucket/key (path style, as SSM writes it) as s3://bucket/key.</summary>
    private static string? S3UriOf(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        return "s3://" + parsed.AbsolutePath.TrimStart('/');
    }

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
