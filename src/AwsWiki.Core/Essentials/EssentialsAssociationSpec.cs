using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.Essentials;

/// <summary>
/// The State Manager association an admin asks for: the module's document at one version, on every
/// instance the targets match, now, when new ones appear, and on the schedule. Compared field by
/// field with what SSM has, so a re-run with the same choices changes nothing.
/// </summary>
internal sealed record EssentialsAssociationSpec(
    string AssociationName,
    string DocumentName,
    string DocumentVersion,
    IReadOnlyList<CommandTarget> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters,
    string? ScheduleExpression,
    bool ApplyOnlyAtCronInterval,
    string MaxConcurrency,
    string MaxErrors)
{
    public const string NamePrefix = "AwsWiki-Essentials-";

    private static readonly Regex RatePattern = new(@"^rate\((?<n>[1-9][0-9]*) (?<unit>minutes?|hours?|days?)\)$", RegexOptions.CultureInvariant);
    private static readonly Regex CronPattern = new(@"^cron\([^()]+\)$", RegexOptions.CultureInvariant);
    private static readonly Regex UnsafeNameCharacters = new(@"[^A-Za-z0-9_.\-]+", RegexOptions.CultureInvariant);

    /// <summary>The association name the module gives a set of targets: readable, unique per target set, SSM's pattern and length.</summary>
    public static string NameFor(IReadOnlyList<CommandTarget> targets)
    {
        var canonical = FleetTargets.Canonical(targets);
        using var sha = SHA256.Create();
        var hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(canonical))).Replace("-", string.Empty).Substring(0, 8).ToLowerInvariant();
        var readable = UnsafeNameCharacters.Replace(canonical.Replace("tag:", string.Empty).Replace("resource-groups:Name", "group"), "-").Trim('-');
        var room = 128 - NamePrefix.Length - hash.Length - 1;
        if (readable.Length > room)
        {
            readable = readable.Substring(0, room).TrimEnd('-');
        }

        return $"{NamePrefix}{readable}-{hash}";
    }

    /// <summary>
    /// Checks a State Manager schedule: rate(N minutes|hours|days) of at least 30 minutes, or
    /// cron(...); -ApplyOnlyAtCronInterval needs a cron schedule (SSM does not take it with rate).
    /// </summary>
    /// <summary>The longest rate schedule accepted, in minutes (365 days).</summary>
    public const long MaxRateMinutes = 365L * 1440;

    public static void ValidateSchedule(string? schedule, bool applyOnlyAtCronInterval)
    {
        if (string.IsNullOrEmpty(schedule))
        {
            if (applyOnlyAtCronInterval)
            {
                throw Errors.ApplyOnlyAtCronIntervalNeedsCron.New(null, "no -Schedule");
            }

            return;
        }

        var rate = RatePattern.Match(schedule);
        if (rate.Success)
        {
            var unit = rate.Groups["unit"].Value;
            var minutesPer = unit.StartsWith("minute", StringComparison.Ordinal) ? 1L : unit.StartsWith("hour", StringComparison.Ordinal) ? 60L : 1440L;

            // State Manager takes rates from 30 minutes; past about a year (525,600 minutes) a rate is a typo, and a long
            // digit string must not become an OverflowException.
            var digits = rate.Groups["n"].Value;
            if (digits.Length > 9 || !long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                || n * minutesPer > MaxRateMinutes)
            {
                throw Errors.InvalidSchedule.New(schedule, schedule, "the rate is longer than a year");
            }

            if (n * minutesPer < 30)
            {
                throw Errors.InvalidSchedule.New(schedule, schedule, "State Manager runs associations at most every 30 minutes");
            }

            if (applyOnlyAtCronInterval)
            {
                throw Errors.ApplyOnlyAtCronIntervalNeedsCron.New(schedule, "'" + schedule + "'");
            }

            return;
        }

        if (!CronPattern.IsMatch(schedule!))
        {
            throw Errors.InvalidSchedule.New(schedule, schedule, "it is neither rate(...) nor cron(...)");
        }
    }

    /// <summary>The fields that differ between what SSM has and this spec; empty when nothing would change.</summary>
    public IReadOnlyList<string> DifferencesFrom(EssentialsAssociationRecord current)
    {
        var differences = new List<string>();
        if (current.DocumentVersion != DocumentVersion)
        {
            differences.Add($"DocumentVersion {current.DocumentVersion} -> {DocumentVersion}");
        }

        if (FleetTargets.Canonical(current.Targets) != FleetTargets.Canonical(Targets))
        {
            differences.Add("Targets");
        }

        foreach (var parameter in Parameters)
        {
            var now = current.Parameters.TryGetValue(parameter.Key, out var values) ? string.Join(",", values) : string.Empty;
            if (now != string.Join(",", parameter.Value))
            {
                differences.Add($"{parameter.Key} '{now}' -> '{string.Join(",", parameter.Value)}'");
            }
        }

        if ((current.ScheduleExpression ?? string.Empty) != (ScheduleExpression ?? string.Empty))
        {
            differences.Add($"Schedule '{current.ScheduleExpression}' -> '{ScheduleExpression}'");
        }

        if (current.ApplyOnlyAtCronInterval != ApplyOnlyAtCronInterval)
        {
            differences.Add("ApplyOnlyAtCronInterval");
        }

        if (current.MaxConcurrency != MaxConcurrency || current.MaxErrors != MaxErrors)
        {
            differences.Add("MaxConcurrency/MaxErrors");
        }

        return differences;
    }
}
