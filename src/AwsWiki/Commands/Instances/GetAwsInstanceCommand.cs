using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Aws;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu;
using AwsWiki.Instances;
using AwsWiki.Profiles;

namespace AwsWiki.Commands.Instances;

/// <summary>
/// EC2 instances across profiles, organization accounts and regions as one stream of
/// <see cref="AwsInstance"/> objects. The cmdlet picks the profiles and resolves each one's
/// credentials once, on the pipeline thread (MFA prompts, SSO); the fan-out runs in
/// <see cref="InstanceLister"/>, and each pair's instances are written as soon as it is done.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AwsInstance")]
[OutputType(typeof(AwsInstance))]
public sealed class GetAwsInstanceCommand : AwsConnectionCmdlet
{
    /// <summary>The type name of objects from a call over several profiles or regions: their view groups by both.</summary>
    public const string GroupedTypeName = "AwsWiki.Instances.AwsInstance#Grouped";

    private static readonly string[] States = { "pending", "running", "shutting-down", "terminated", "stopping", "stopped" };

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? InstanceId { get; set; }

    /// <summary>Names and wildcards over the profiles in the AWS CLI's files. Default: the active profile.</summary>
    [Parameter]
    [SupportsWildcards]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ProfileName { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Region { get; set; }

    [Parameter]
    public SwitchParameter AllRegions { get; set; }

    [Parameter]
    [ValidateSet("pending", "running", "shutting-down", "terminated", "stopping", "stopped")]
    public string[]? State { get; set; }

    /// <summary>Tag key to value, or to several values (any matches); EC2's * and ? work in values.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Raw DescribeInstances filters: name to value or values.</summary>
    [Parameter]
    public Hashtable? Filter { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string[]? InstanceType { get; set; }

    /// <summary>Catalog (default): the embedded snapshots; Live: the Price List, once per distinct type and region for the session.</summary>
    [Parameter]
    [ValidateSet(InstancePricing.Catalog, InstancePricing.Live)]
    public string PriceSource { get; set; } = InstancePricing.Catalog;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TagColumn { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = InstanceQuery.DefaultThrottleLimit;

    [Parameter]
    [ValidatePattern(@"^[\w+=,.@/-]{1,512}$")]
    public string? OrganizationRoleName { get; set; }

    private readonly List<string> _instanceIds = new();

    // Ids come one by one from the pipeline; the listing runs once, for all of them.
    protected override void ProcessRecord()
    {
        if (InstanceId is not null)
        {
            _instanceIds.AddRange(InstanceId.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()));
        }
    }

    protected override void EndProcessing()
    {
        InstanceQuery query;
        try
        {
            // Every pattern and column checked before anything is sent.
            InstanceTags.ValidateColumns(TagColumn, typeof(AwsInstance));
            GlobPattern.Validate(ProfileName, "-ProfileName");
            query = BuildQuery();
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var profiles = ResolveProfiles(query);
        if (profiles.Count == 0)
        {
            return;
        }

        if (PriceSource == InstancePricing.Live)
        {
            query.UseLivePrices(profiles[0].Context);
        }

        var grouped = profiles.Count > 1 || query.AllRegions || query.Regions.Count > 1 || query.Regions.Any(r => r.HasWildcard)
            || query.OrganizationRoleName is not null;
        var lister = new InstanceLister(query, Reporter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        AwaitStreaming(lister.RunAsync(profiles, CancelToken), lister.Results, result => Write(result, grouped, seen));
        foreach (var missing in _instanceIds.Distinct(StringComparer.Ordinal).Where(id => !seen.Contains(id)))
        {
            WriteFailure(Errors.InstanceNotFound.New(missing, $"{missing} (in none of the profiles and regions listed)"), missing);
        }
    }

    private void Write(FanOutResult<IReadOnlyList<AwsInstance>> result, bool grouped, HashSet<string> seen)
    {
        if (result.Error is not null)
        {
            WriteFailure(result.Error, result.Scope);
            return;
        }

        foreach (var instance in result.Value ?? Array.Empty<AwsInstance>())
        {
            seen.Add(instance.InstanceId);
            var wrapped = PSObject.AsPSObject(instance);
            if (grouped)
            {
                wrapped.TypeNames.Insert(0, GroupedTypeName);
            }

            foreach (var column in (TagColumn ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal))
            {
                wrapped.Properties.Add(new PSNoteProperty(column, instance.Tags.TryGetValue(column, out var value) ? value : null));
            }

            WriteObject(wrapped);
        }
    }

    private InstanceQuery BuildQuery()
    {
        return new InstanceQuery
        {
            InstanceIds = _instanceIds.Distinct(StringComparer.Ordinal).ToList(),
            Regions = GlobPattern.From(Region, "-Region"),
            AllRegions = AllRegions,
            States = (State ?? Array.Empty<string>()).Select(s => States.First(k => k.Equals(s, StringComparison.OrdinalIgnoreCase))).Distinct().ToList(),
            Tags = ToFilterValues(Tag, nameof(Tag)),
            Filters = ToFilterValues(Filter, nameof(Filter)),
            InstanceTypes = GlobPattern.From(InstanceType, "-InstanceType"),
            ThrottleLimit = ThrottleLimit,
            OrganizationRoleName = OrganizationRoleName,
        };
    }

    /// <summary>
    /// The profiles to list with their credentials, each resolved once. A name or pattern that
    /// matches no profile stops the call; a profile whose credentials fail is one error, the others go on.
    /// </summary>
    private List<(string? ProfileName, AwsContext Context)> ResolveProfiles(InstanceQuery query)
    {
        // With regions given, the profile's own region is only where STS and DescribeRegions are called.
        var requireRegion = query.Regions.Count == 0 && !query.AllRegions;
        if (ProfileName is null)
        {
            return ResolveProfiles(new string?[] { null }, null, requireRegion);
        }

        try
        {
            return ResolveProfiles(ProfileMatcher.Match(ProfileStore.FromEnvironment().ProfileNames(), ProfileName), null, requireRegion);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            throw; // not reached
        }
    }

    private Dictionary<string, IReadOnlyList<string>> ToFilterValues(Hashtable? table, string parameterName)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            var raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            var values = raw is string single ? new List<string> { single }
                : raw is IEnumerable many ? many.Cast<object?>().Select(v => v?.ToString()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()
                : raw is null ? new List<string>() : new List<string> { raw.ToString() ?? string.Empty };
            if (string.IsNullOrWhiteSpace(key) || values.Count == 0)
            {
                ThrowFailure(parameterName == nameof(Tag)
                    ? Errors.InvalidTag.New(table, $"each entry needs a name and at least one value, e.g. @{{ Team = 'ml', 'data' }}; '{UserText.Show(key, 60)}' has none")
                    : Errors.InvalidFilter.New(table, key), table);
            }

            result[key!] = values;
        }

        return result;
    }
}
