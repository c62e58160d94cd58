using System;
using System.Management.Automation;
using AwsWiki.EntryPoint;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.EntryPoint;

/// <summary>The entry points New-HttpsEntryPoint made in this region, rebuilt from their tags and live state.</summary>
[Cmdlet(VerbsCommon.Get, "HttpsEntryPoint")]
[OutputType(typeof(HttpsEntryPoint))]
public sealed class GetHttpsEntryPointCommand : AwsCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string DomainName { get; set; } = "*";

    protected override void ProcessRecord()
    {
        GlobPattern pattern;
        try
        {
            // Checked before any request: a bad pattern is the user's, not the service's.
            pattern = new GlobPattern(DomainName.TrimEnd('.'), "-DomainName");
        }
        catch (AwsWikiException e)
        {
            WriteFailure(e, DomainName);
            return;
        }

        using var clients = EntryPointClients.Create(Context);
        try
        {
            var exact = pattern.HasWildcard ? null : DomainNames.Normalize(pattern.Literal);
            var found = Await(new EntryPointReader(clients).ReadAsync(pattern.IsMatch, CancelToken, exact));
            if (found.Count == 0 && !pattern.HasWildcard)
            {
                WriteFailure(Errors.EntryPointNotFound.New(DomainName, DomainName, clients.Region), DomainName);
                return;
            }

            foreach (var entryPoint in found)
            {
                if (entryPoint.Duplicates.Length > 0)
                {
                    WriteWarning($"The entry point for {entryPoint.DomainName} has duplicates (see its Duplicates property): {entryPoint.Duplicates}. " +
                        $"Remove-HttpsEntryPoint {entryPoint.DomainName} removes them all.");
                }

                WriteObject(entryPoint);
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteFailure(e, DomainName);
        }
    }
}
