using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>
/// The instances of one (profile, region, role) as the pipeline gave them: each group gets its own
/// credentials, pre-check, document version and commands. Groups keep the order they first appeared in.
/// </summary>
internal sealed class EssentialsGroup
{
    private static readonly Regex InstanceIdPattern = new(@"^(i|mi)-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant);

    public EssentialsGroup(string? profile, string? region, string? roleArn)
    {
        Profile = Clean(profile);
        Region = Clean(region);
        RoleArn = Clean(roleArn);
    }

    public string? Profile { get; }

    public string? Region { get; }

    public string? RoleArn { get; }

    public List<string> InstanceIds { get; } = new();

    /// <summary>Where this group runs, for fan-out progress and for errors that name profile and region.</summary>
    public FanOutScope Scope => new(Profile, null, Region, RoleArn);

    /// <summary>Adds piped instance ids to their group (made on first use); a malformed id fails the whole call before anything is sent.</summary>
    /// <exception cref="AwsWikiException">InvalidInstanceId.</exception>
    public static void Add(List<EssentialsGroup> groups, string? profile, string? region, string? roleArn, IEnumerable<string?> instanceIds)
    {
        var key = new EssentialsGroup(profile, region, roleArn);
        var group = groups.FirstOrDefault(g => g.Profile == key.Profile && g.Region == key.Region && g.RoleArn == key.RoleArn);
        if (group is null)
        {
            group = key;
            groups.Add(group);
        }

        foreach (var raw in instanceIds)
        {
            var id = CheckInstanceId(raw);
            if (!group.InstanceIds.Contains(id, StringComparer.Ordinal))
            {
                group.InstanceIds.Add(id);
            }
        }
    }

    /// <summary>The trimmed id, or InvalidInstanceId (i-0123456789abcdef0 or mi-...).</summary>
    public static string CheckInstanceId(string? raw)
    {
        var id = raw?.Trim() ?? string.Empty;
        return InstanceIdPattern.IsMatch(id) ? id : throw Errors.InvalidInstanceId.New(raw, raw);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
