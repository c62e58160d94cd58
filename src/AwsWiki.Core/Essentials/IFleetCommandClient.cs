using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Essentials;

/// <summary>The SSM calls a Run Command fan-out needs; small so the fan-out logic can run against a fake.</summary>
public interface IFleetCommandClient
{
    /// <summary>DescribeInstanceInformation for these ids (any number); instances SSM does not manage are absent.</summary>
    Task<IReadOnlyList<ManagedInstance>> DescribeInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>DescribeInstanceInformation filtered by tags (tag:Key filters), every page.</summary>
    Task<IReadOnlyList<ManagedInstance>> DescribeInstancesByTagAsync(IReadOnlyList<CommandTarget> tagTargets, CancellationToken cancellationToken);

    /// <summary>SendCommand; returns the command id.</summary>
    Task<string> SendCommandAsync(FleetCommandRequest request, CancellationToken cancellationToken);

    /// <summary>ListCommandInvocations for one command: the status of every invocation SSM has created so far.</summary>
    Task<IReadOnlyList<InvocationState>> ListInvocationsAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>ListCommandInvocations with Details: status and inline output of every invocation, 50 per page.</summary>
    Task<IReadOnlyList<InvocationDetail>> ListInvocationDetailsAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>ListCommands for one command: its overall status and target count.</summary>
    Task<CommandProgress> GetCommandAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>GetCommandInvocation; null while SSM answers InvocationDoesNotExist (just after sending).</summary>
    Task<InvocationDetail?> GetInvocationAsync(string commandId, string instanceId, CancellationToken cancellationToken);
}
