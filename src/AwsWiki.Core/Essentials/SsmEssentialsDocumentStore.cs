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
internal sealed class SsmEssentialsDocumentStore : IDisposable
{
    private readonly ServiceClient<AmazonSimpleSystemsManagementClient> _client;

    public SsmEssentialsDocumentStore(AwsContext context)
    {
        _client = AwsClientFactory.Ssm(context);
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
                var create = new CreateDocumentRequest
                {
                    Name = document.Name,
                    Content = document.Content,
                    DocumentType = DocumentType.Command,
                    DocumentFormat = DocumentFormat.JSON,
                    VersionName = document.VersionName,
                };
                var created = await _client.CallAsync("CreateDocument", (client, token) => client.CreateDocumentAsync(create, token), cancellationToken, document.Name)
                    .ConfigureAwait(false);
                return created.DocumentDescription.DocumentVersion;
            case DocumentAction.Update:
                var update = new UpdateDocumentRequest
                {
                    Name = document.Name,
                    Content = document.Content,
                    DocumentFormat = DocumentFormat.JSON,
                    DocumentVersion = "$LATEST",
                    VersionName = document.VersionName,
                };
                var updated = await _client.CallAsync("UpdateDocument", (client, token) => client.UpdateDocumentAsync(update, token), cancellationToken, document.Name)
                    .ConfigureAwait(false);
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
        var request = new UpdateDocumentDefaultVersionRequest { Name = name, DocumentVersion = version };
        await _client.CallAsync("UpdateDocumentDefaultVersion", (client, token) => client.UpdateDocumentDefaultVersionAsync(request, token), cancellationToken, name)
            .ConfigureAwait(false);
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

            return (await _client.CallAsync("DescribeDocument", (client, token) => client.DescribeDocumentAsync(request, token), cancellationToken, name)
                .ConfigureAwait(false)).Document;
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InvalidDocument")
        {
            return null;
        }
    }
}
