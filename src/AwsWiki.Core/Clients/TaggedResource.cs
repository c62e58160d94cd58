using System.Collections.Generic;

namespace AwsWiki.Clients;

/// <summary>One entry of GetResources' ResourceTagMappingList: an ARN and all its tags.</summary>
public sealed record TaggedResource(string ResourceArn, IReadOnlyDictionary<string, string> Tags);
