using System;
using System.Management.Automation;
using AwsWiki.EntryPoint;

namespace AwsWiki.Commands.EntryPoint;

/// <summary>Deletes what New-HttpsEntryPoint created for a domain, in reverse order.</summary>
[Cmdlet(VerbsCommon.Remove, "HttpsEntryPoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveHttpsEntryPointCommand : AwsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string DomainName { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter KeepCertificate { get; set; }

    protected override void ProcessRecord()
    {
        using var clients = EntryPointClients.Create(Context);
        try
        {
            var remover = new EntryPointRemover(clients, Reporter);
            var removal = Await(remover.FindAsync(DomainName, KeepCertificate, CancelToken));
            if (removal.Steps.Count == 0)
            {
                WriteFailure(Errors.EntryPointNotFound.New(removal.DomainName, removal.DomainName, clients.Region), removal.DomainName);
                return;
            }

            // One ShouldProcess per resource: -WhatIf lists each, -Confirm asks for each.
            foreach (var step in removal.Steps)
            {
                if (ShouldProcess(step.Target, step.Action))
                {
                    Await(step.RunAsync(CancelToken));
                }
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(e, DomainName);
        }
    }
}
