using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsWiki.Essentials;

/// <summary>Input checks the essentials cmdlets share: tags, SSM rate control, S3 output names.</summary>
internal static class EssentialsInput
{
    // SSM's own patterns for MaxConcurrency and MaxErrors.
    private static readonly Regex MaxConcurrencyPattern = new(@"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$", RegexOptions.CultureInvariant);
    private static readonly Regex MaxErrorsPattern = new(@"^([1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)$", RegexOptions.CultureInvariant);
    private static readonly Regex BucketPattern = new(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant);

    /// <summary>-Tag @{ Role = 'web'; Env = 'prod','stage' } as key to values (a list means any of them).</summary>
    public static Dictionary<string, IReadOnlyList<string>> ParseTags(Hashtable? tag)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal);
        if (tag is null)
        {
            return tags;
        }

        if (tag.Count == 0)
        {
            throw Errors.InvalidTag.New(tag, "it needs at least one entry, each with a non-empty key and at least one non-empty value, for example @{ Role = 'web' }");
        }

        foreach (DictionaryEntry entry in tag)
        {
            var key = Text(entry.Key)?.Trim() ?? string.Empty;
            var raw = PowerShellValue.Unwrap(entry.Value);
            var values = raw is IEnumerable list and not string
                ? list.Cast<object?>().Select(value => Text(value)).ToList()
                : new List<string> { Text(raw) };
            if (key.Length == 0 || values.Count == 0 || values.Any(string.IsNullOrEmpty))
            {
                throw Errors.InvalidTag.New(entry.Key, $"each entry needs a non-empty key and at least one non-empty value, for example @{{ Role = 'web' }}; entry '{UserText.Show(entry.Key?.ToString(), 60)}' has none");
            }

            tags[key] = values;
        }

        return tags;
    }

    public static void ValidateRateControl(string? maxConcurrency, string? maxErrors)
    {
        if (!MaxConcurrencyPattern.IsMatch(maxConcurrency ?? string.Empty))
        {
            throw Errors.InvalidMaxConcurrency.New(maxConcurrency, maxConcurrency);
        }

        if (!MaxErrorsPattern.IsMatch(maxErrors ?? string.Empty))
        {
            throw Errors.InvalidMaxErrors.New(maxErrors, maxErrors);
        }
    }

    /// <summary>-ExecutionTimeoutSec: SSM's executionTimeout range.</summary>
    public static void ValidateTimeout(int executionTimeoutSec)
    {
        if (executionTimeoutSec is < 30 or > 172800)
        {
            throw Errors.InvalidTimeout.New(executionTimeoutSec, executionTimeoutSec);
        }
    }

    public static void ValidateS3Output(string? bucket, string? keyPrefix, bool fetchOutput)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            if (fetchOutput || !string.IsNullOrEmpty(keyPrefix))
            {
                throw Errors.S3BucketRequired.New(keyPrefix);
            }

            return;
        }

        if (!BucketPattern.IsMatch(bucket!) || bucket!.Contains(".."))
        {
            throw Errors.InvalidS3BucketName.New(bucket, bucket);
        }

        if (keyPrefix is { Length: > 500 })
        {
            throw Errors.InvalidS3KeyPrefix.New(keyPrefix, keyPrefix.Length);
        }
    }

    private static string Text(object? value) =>
        System.Convert.ToString(PowerShellValue.Unwrap(value), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
