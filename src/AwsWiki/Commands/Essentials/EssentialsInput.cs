using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsWiki.Essentials;

namespace AwsWiki.Commands.Essentials;

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
            throw new AwsWikiException("InvalidTag", FailureKind.InvalidArgument, tag, "-Tag needs at least one key, for example @{ Role = 'web' }.");
        }

        foreach (DictionaryEntry entry in tag)
        {
            var key = LanguagePrimitives.ConvertTo<string>(entry.Key)?.Trim() ?? string.Empty;
            var raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            var values = raw is IEnumerable list and not string
                ? list.Cast<object?>().Select(value => LanguagePrimitives.ConvertTo<string>(value)).ToList()
                : new List<string> { LanguagePrimitives.ConvertTo<string>(raw) };
            if (key.Length == 0 || values.Count == 0 || values.Any(string.IsNullOrEmpty))
            {
                throw new AwsWikiException("InvalidTag", FailureKind.InvalidArgument, entry.Key,
                    $"-Tag entry '{entry.Key}' needs a non-empty key and at least one non-empty value.");
            }

            tags[key] = values;
        }

        return tags;
    }

    public static void ValidateRateControl(string? maxConcurrency, string? maxErrors)
    {
        if (!MaxConcurrencyPattern.IsMatch(maxConcurrency ?? string.Empty))
        {
            throw new AwsWikiException("InvalidMaxConcurrency", FailureKind.InvalidArgument, maxConcurrency,
                $"-MaxConcurrency '{maxConcurrency}' is not a count (1, 10, ...) or a percentage (1% to 100%).");
        }

        if (!MaxErrorsPattern.IsMatch(maxErrors ?? string.Empty))
        {
            throw new AwsWikiException("InvalidMaxErrors", FailureKind.InvalidArgument, maxErrors,
                $"-MaxErrors '{maxErrors}' is not a count (0, 1, ...) or a percentage (0% to 100%).");
        }
    }

    public static void ValidateTimeout(int timeoutSeconds)
    {
        if (timeoutSeconds is < 30 or > 172800)
        {
            throw new AwsWikiException("InvalidTimeout", FailureKind.InvalidArgument, timeoutSeconds,
                $"-TimeoutSeconds {timeoutSeconds} is outside SSM's execution timeout range, 30 to 172800 seconds.");
        }
    }

    public static void ValidateS3Output(string? bucket, string? keyPrefix, bool fetchOutput)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            if (fetchOutput || !string.IsNullOrEmpty(keyPrefix))
            {
                throw new AwsWikiException("S3BucketRequired", FailureKind.InvalidArgument, keyPrefix,
                    "-FetchOutput and -OutputS3KeyPrefix need -OutputS3BucketName: SSM writes the full output to that bucket.");
            }

            return;
        }

        if (!BucketPattern.IsMatch(bucket!) || bucket!.Contains(".."))
        {
            throw new AwsWikiException("InvalidS3BucketName", FailureKind.InvalidArgument, bucket,
                $"-OutputS3BucketName '{bucket}' is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens).");
        }

        if (keyPrefix is { Length: > 500 })
        {
            throw new AwsWikiException("InvalidS3KeyPrefix", FailureKind.InvalidArgument, keyPrefix, "-OutputS3KeyPrefix is longer than SSM's 500 characters.");
        }
    }
}
