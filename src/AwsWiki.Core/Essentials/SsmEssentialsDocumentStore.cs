using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>
/// Keeps the module's SSM document at the wanted content: CreateDocument the first time,
/// UpdateDocument (new version) when the content hash changed, UpdateDocumentDefaultVersion so
/// $DEFAULT is what the module runs. Plan first (read-only), then apply, so -WhatIf changes nothing.
/// </summary>
public sealed class SsmEssentialsDocumentStore : IDisposable
{
    private readonly AmazonSimpleSystemsManagementClient _client;

    public SsmEssentialsDocumentStore(AwsContext context)
    {
        _client = new AmazonSimpleSystemsManagementClient(context.Credentials,
            context.Configure(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm));
    }

    public async Task<DocumentPlan> PlanAsync(EssentialsDocument document, CancellationToken cancellationToken)
    {
        var current = await DescribeAsync(document.Name, null, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new DocumentPlan(document.Name, DocumentAction.Create, null, null);
        }

        if (current.VersionName == document.VersionName)
        {
            return new DocumentPlan(document.Name, DocumentAction.None, current.DocumentVersion, current.DocumentVersion);
        }

        // An older version may have this content (the module was downgraded, or someone moved $DEFAULT).
        var existing = await DescribeAsync(document.Name, document.VersionName, cancellationToken).ConfigureAwait(false);
        return existing is null
            ? new DocumentPlan(document.Name, DocumentAction.Update, null, current.DocumentVersion)
            : new DocumentPlan(document.Name, DocumentAction.SetDefault, existing.DocumentVersion, current.DocumentVersion);
    }

    /// <summary>Carries out the plan; returns the document version that has the wanted content and is now $DEFAULT.</summary>
    public async Task<string> ApplyAsync(EssentialsDocument document, DocumentPlan plan, CancellationToken cancellationToken)
    {
        switch (plan.Action)
        {
            case DocumentAction.Create:
                var created = await _client.CreateDocumentAsync(new CreateDocumentRequest
                {
                    Name = document.Name,
                    Content = document.Content,
                    DocumentType = DocumentType.Command,
                    DocumentFormat = DocumentFormat.JSON,
                    VersionName = document.VersionName,
                }, cancellationToken).ConfigureAwait(false);
                return created.DocumentDescription.DocumentVersion;
            case DocumentAction.Update:
                var updated = await _client.UpdateDocumentAsync(new UpdateDocumentRequest
                {
                    Name = document.Name,
                    Content = document.Content,
                    DocumentFormat = DocumentFormat.JSON,
                    DocumentVersion = "$LATEST",
                    VersionName = document.VersionName,
                }, cancellationToken).ConfigureAwait(false);
                await SetDefaultAsync(document.Name, updated.DocumentDescription.DocumentVersion, cancellationToken).ConfigureAwait(false);
                return updated.DocumentDescription.DocumentVersion;
            case DocumentAction.SetDefault:
                await SetDefaultAsync(document.Name, plan.Version!, cancellationToken).ConfigureAwait(false);
                return plan.Version!;
            default:
                return plan.Version!;
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task SetDefaultAsync(string name, string version, CancellationToken cancellationToken)
    {
        await _client.UpdateDocumentDefaultVersionAsync(new UpdateDocumentDefaultVersionRequest { Name = name, DocumentVersion = version },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DocumentDescription?> DescribeAsync(string name, string? versionName, CancellationToken cancellationToken)
    {
        try
        {
            var request = new DescribeDocumentRequest { Name = name };
            if (versionName is not null)
            {
                request.VersionName = versionName;
            }

            return (await _client.DescribeDocumentAsync(request, cancellationToken).ConfigureAwait(false)).Document;
        }
        catch (InvalidDocumentException)
        {
            return null;
        }
    }
}
