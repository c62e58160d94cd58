using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AwsWiki.Essentials;

/// <summary>
/// SSM Targets built from -Tag and -ResourceGroupName: SSM resolves them to instances itself, so one
/// SendCommand (or association) covers a fleet of any size.
/// </summary>
internal static class FleetTargets
{
    /// <summary>SSM takes at most 5 entries in Targets.</summary>
    public const int MaxTargets = 5;

    public static IReadOnlyList<CommandTarget> From(IReadOnlyDictionary<string, IReadOnlyList<string>>? tags, string? resourceGroupName)
    {
        var targets = new List<CommandTarget>();
        foreach (var tag in tags ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            targets.Add(new CommandTarget("tag:" + tag.Key, tag.Value));
        }

        if (!string.IsNullOrWhiteSpace(resourceGroupName))
        {
            targets.Add(new CommandTarget("resource-groups:Name", new[] { resourceGroupName!.Trim() }));
        }

        if (targets.Count == 0)
        {
            throw Errors.NoTargets.New(null);
        }

        if (targets.Count > MaxTargets)
        {
            throw Errors.TooManyTargets.New(targets.Count, MaxTargets, targets.Count);
        }

        return targets;
    }

    /// <summary>The targets as text for -WhatIf and messages: tag:Role=web|api, resource-groups:Name=prod.</summary>
    public static string Describe(IEnumerable<CommandTarget> targets) =>
        string.Join(", ", targets.Select(target => $"{target.Key}={string.Join("|", target.Values)}"));

    /// <summary>The targets in one canonical order, for comparing an association's targets with the wanted ones.</summary>
    public static string Canonical(IEnumerable<CommandTarget> targets)
    {
        var text = new StringBuilder();
        foreach (var target in targets.OrderBy(target => target.Key, StringComparer.Ordinal))
        {
            text.Append(target.Key).Append('=').Append(string.Join("|", target.Values.OrderBy(value => value, StringComparer.Ordinal))).Append(';');
        }

        return text.ToString();
    }
}
