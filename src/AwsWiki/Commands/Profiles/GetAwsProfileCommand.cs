using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Internal;
using AwsWiki.Gpu;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Profiles;

/// <summary>Lists the named profiles of the credentials and config files, merged as the AWS CLI merges them, without secrets.</summary>
[Cmdlet(VerbsCommon.Get, "AwsProfile")]
[OutputType(typeof(AwsProfile))]
public sealed class GetAwsProfileCommand : PSCmdlet
{
    private ProfileStore? _store;
    private ProfileFiles? _files;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? ProfileName { get; set; }

    protected override void BeginProcessing()
    {
        // One read of both files for the whole pipeline.
        _store = ProfileStore.FromEnvironment();
        try
        {
            _files = _store.Load();
        }
        catch (AwsWikiException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Target));
        }

        foreach (var warning in ProfileStore.ParseWarnings(_files!))
        {
            WriteWarning(warning);
        }
    }

    protected override void ProcessRecord()
    {
        var files = _files!;
        if (ProfileName is null || ProfileName.Length == 0)
        {
            WriteObject(ProfileStore.GetProfiles(files), enumerateCollection: true);
            return;
        }

        foreach (var name in ProfileName)
        {
            var text = name ?? string.Empty;
            List<string> matches;
            GlobPattern pattern;
            try
            {
                pattern = new GlobPattern(text, "-ProfileName");
            }
            catch (AwsWikiException e)
            {
                WriteError(ErrorRecords.From(e, text));
                continue;
            }

            if (pattern.HasWildcard)
            {
                matches = files.Names.Where(pattern.IsMatch).ToList();
            }
            else
            {
                // Profile names are case-sensitive to the AWS CLI; a name in another case is found only when no exact one exists.
                matches = files.Exists(text)
                    ? new List<string> { text }
                    : files.Names.Where(n => string.Equals(n, text, System.StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    WriteError(ErrorRecords.From(Errors.ProfileNotFound.New(text, text), text));
                    continue;
                }
            }

            WriteObject(ProfileStore.GetProfiles(files, matches), enumerateCollection: true);
        }
    }
}
