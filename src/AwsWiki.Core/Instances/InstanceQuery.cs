using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Instances;

/// <summary>What Get-AwsInstance was asked for, validated; the EC2 filters it sends.</summary>
internal sealed class InstanceQuery
{
    public const int DefaultThrottleLimit = 8;

    /// <summary>Pairs of one account in flight at once, whatever the throttle limit: EC2 throttles per account and region.</summary>
    public const int PerAccountLimit = 4;

    public IReadOnlyList<string> InstanceIds { get; set; } = Array.Empty<string>();

    /// <summary>Names and wildcards; empty means the profile's (or the session's) region.</summary>
    public IReadOnlyList<GlobPattern> Regions { get; set; } = Array.Empty<GlobPattern>();

    public bool AllRegions { get; set; }

    public IReadOnlyList<string> States { get; set; } = Array.Empty<string>();

    /// <summary>Tag key to accepted values (any of them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Raw EC2 DescribeInstances filters, name to values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<GlobPattern> InstanceTypes { get; set; } = Array.Empty<GlobPattern>();

    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>With a value, every active account of the organization is listed through this role.</summary>
    public string? OrganizationRoleName { get; set; }

    /// <summary>With a value, on-demand prices come from the Price List (once per type and region for the session) instead of the catalog.</summary>
    public Clients.IPriceListClient? LivePriceList { get; set; }

    /// <summary>-PriceSource Live: the Price List with this context's credentials and endpoint (any account can read it).</summary>
    public void UseLivePrices(Aws.AwsContext context) => LivePriceList = new Clients.PriceListClient(context);

    /// <summary>Whether the regions come from DescribeRegions (all, or wildcards to match).</summary>
    public bool NeedsRegionList => AllRegions || Regions.Any(r => r.HasWildcard);

    /// <summary>The filters sent with DescribeInstances. Instance ids go as a filter: the InstanceIds parameter fails the whole call when one id is in another region.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Ec2Filters()
    {
        var filters = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (InstanceIds.Count > 0)
        {
            filters.Add(new("instance-id", InstanceIds));
        }

        if (States.Count > 0)
        {
            filters.Add(new("instance-state-name", States));
        }

        filters.AddRange(Tags.Select(t => new KeyValuePair<string, IReadOnlyList<string>>("tag:" + t.Key, t.Value)));
        filters.AddRange(Filters);
        return filters;
    }

    /// <summary>The regions to list for one account, given what DescribeRegions said (null when it was not asked).</summary>
    public IReadOnlyList<string> RegionsFor(string defaultRegion, IReadOnlyList<string>? enabledRegions)
    {
        if (Regions.Count == 0 && !AllRegions)
        {
            return new[] { defaultRegion };
        }

        var chosen = new List<string>();
        if (AllRegions)
        {
            chosen.AddRange(enabledRegions ?? Array.Empty<string>());
        }

        foreach (var pattern in Regions)
        {
            if (pattern.HasWildcard)
            {
                chosen.AddRange((enabledRegions ?? Array.Empty<string>()).Where(pattern.IsMatch));
            }
            else
            {
                // A literal name is listed even where the account has not enabled it: the failure says so.
                chosen.Add(pattern.Pattern.ToLowerInvariant());
            }
        }

        return chosen.Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
    }
}
