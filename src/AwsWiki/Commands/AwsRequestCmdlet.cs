using System;
using System.Management.Automation;
using AwsWiki.Aws;

namespace AwsWiki.Commands;

/// <summary>
/// Base for every cmdlet that sends AWS requests, signed (<see cref="AwsConnectionCmdlet"/>) or not
/// (IAM Identity Center sign-in): the one -TimeoutSec.
/// </summary>
public abstract class AwsRequestCmdlet : CancellableCmdlet
{
    /// <summary>
    /// How long one AWS request may take, its retries included, before the call fails with
    /// RequestTimedOut naming the endpoint. Ctrl+C still stops the call at once.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = RequestDeadline.DefaultSeconds;

    /// <summary>-TimeoutSec as a limit for the core library.</summary>
    protected TimeSpan RequestTimeout => TimeSpan.FromSeconds(TimeoutSec);
}
