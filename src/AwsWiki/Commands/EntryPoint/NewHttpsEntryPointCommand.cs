using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.EntryPoint;

namespace AwsWiki.Commands.EntryPoint;

/// <summary>
/// Puts a domain in front of EC2 web servers: certificate, load balancer, listeners, target group,
/// security groups and alias records. Instances piped in are collected and served by one entry point.
/// </summary>
[Cmdlet(VerbsCommon.New, "HttpsEntryPoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HttpsEntryPoint))]
public sealed class NewHttpsEntryPointCommand : AwsCmdlet
{
    private readonly List<string> _instanceIds = new();

    [Parameter(Mandatory = true, Position = 0)]
    public string DomainName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string[] InstanceId { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateRange(1, 65535)]
    public int TargetPort { get; set; } = 8080;

    [Parameter]
    public string? HostedZoneId { get; set; }

    [Parameter]
    public string? CertificateArn { get; set; }

    [Parameter]
    public string[]? SubnetId { get; set; }

    [Parameter]
    [ValidateSet("ipv4", "dualstack")]
    public string? IpAddressType { get; set; }

    [Parameter]
    public string HealthCheckPath { get; set; } = "/";

    [Parameter]
    public string SslPolicy { get; set; } = EntryPointRequest.RecommendedSslPolicy;

    [Parameter]
    public string? Name { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public TimeSpan CertificateTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Parameter]
    public SwitchParameter RollbackOnFailure { get; set; }

    protected override void ProcessRecord() => _instanceIds.AddRange(InstanceId);

    protected override void EndProcessing()
    {
        var request = new EntryPointRequest
        {
            DomainName = DomainName,
            InstanceIds = _instanceIds,
            TargetPort = TargetPort,
            HostedZoneId = HostedZoneId,
            CertificateArn = CertificateArn,
            SubnetIds = SubnetId,
            IpAddressType = IpAddressType,
            HealthCheckPath = HealthCheckPath,
            SslPolicy = SslPolicy,
            Name = Name,
            Tags = ToTags(Tag),
            CertificateTimeout = CertificateTimeout,
            RollbackOnFailure = RollbackOnFailure,
        };

        using var clients = EntryPointClients.Create(Context);
        EntryPointLock? held = null;
        try
        {
            EntryPointPlan plan;
            try
            {
                // A second run for the domain on this machine waits here, then plans with the first run's work in place.
                if (!IsWhatIf())
                {
                    held = Await(EntryPointLock.AcquireAsync(clients.Region, DomainName, CertificateTimeout + TimeSpan.FromMinutes(10), Reporter, CancelToken));
                }

                plan = Await(new EntryPointPlanner(clients, Reporter).PlanAsync(request, CancelToken));
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                ThrowFailure(e, DomainName);
                return;
            }

            // One planned change per line, for -WhatIf and the confirmation prompt.
            var changes = plan.ToCreate.Count == 0
                ? new[] { "check and re-register the targets (everything else already exists)" }
                : plan.ToCreate;
            var description = $"Create the HTTPS entry point for {plan.DomainName}:" + string.Concat(changes.Select(c => Environment.NewLine + "  + " + c));
            if (!ShouldProcess(description, $"Create the HTTPS entry point for {plan.DomainName} ({changes.Count} change(s))?", "New-HttpsEntryPoint"))
            {
                return;
            }

            try
            {
                WriteObject(Await(new EntryPointExecutor(clients, Reporter).RunAsync(plan, CancelToken)));
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                ThrowFailure(e, plan.DomainName);
            }
        }
        finally
        {
            held?.Dispose();
        }
    }

    private bool IsWhatIf()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value))
        {
            return value is SwitchParameter { IsPresent: true };
        }

        return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }

    private IReadOnlyDictionary<string, string> ToTags(Hashtable? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in tags ?? new Hashtable())
        {
            var key = entry.Key?.ToString() ?? string.Empty;
            if (key.Length == 0 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("awswiki:", StringComparison.OrdinalIgnoreCase))
            {
                ThrowFailure(Errors.InvalidTag.New(key, $"tag key '{UserText.Show(key, 60)}' is not allowed: keys must be non-empty and not start with 'aws:' or 'awswiki:'"), key);
            }

            result[key] = entry.Value?.ToString() ?? string.Empty;
        }

        return result;
    }
}
