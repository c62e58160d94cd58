namespace AwsWiki.Essentials;

/// <summary>What SSM needs so that the module's document runs this content: nothing, a new document, a new version, or a default-version switch.</summary>
internal enum DocumentAction
{
    None,
    Create,
    Update,
    SetDefault,
}

/// <summary>The module document as SSM has it now, and what would bring it to the wanted content.</summary>
/// <param name="Version">The version that has the wanted content: known for None and SetDefault, null until created or updated.</param>
internal sealed record DocumentPlan(string Name, DocumentAction Action, string? Version, string? CurrentDefaultVersion);
