using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>The Resource Groups Tagging API operations AwsWiki uses; swappable for AWSSDK.ResourceGroupsTaggingAPI.</summary>
internal interface ITaggingClient
{
    /// <summary>
    /// Every resource (of the given types, "service[:resourceType]") that carries the tag
    /// <paramref name="tagKey"/>, with one of <paramref name="tagValues"/> when any are given; all pages.
    /// </summary>
    Task<IReadOnlyList<TaggedResource>> GetResourcesAsync(string tagKey, IReadOnlyList<string>? tagValues, IReadOnlyList<string>? resourceTypes,
        CancellationToken cancellationToken);
}
