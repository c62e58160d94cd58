using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;

namespace AwsWiki.Profiles;

/// <summary>
/// Checks a profile name and settings before anything is written. Errors throw an
/// <see cref="AwsWikiException"/> with a specific ErrorId; doubtful but usable values come back as
/// warnings. Messages never quote a secret.
/// </summary>
public static class ProfileValidation
{
    private static readonly Regex AccessKeyIdPattern = new("^(AKIA|ASIA)[A-Z0-9]{12,124}$", RegexOptions.CultureInvariant);
    private static readonly Regex RoleArnPattern = new(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountIdPattern = new(@"^\d{12}$", RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<string> OutputFormats = new[] { "json", "text", "table", "yaml", "yaml-stream" };

    public static void ValidateName(string? name, string what = "profile")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new AwsWikiException("ProfileNameEmpty", FailureKind.InvalidArgument, name, $"The {what} name is empty.");
        }

        if (name!.IndexOfAny(new[] { '[', ']' }) >= 0)
        {
            throw new AwsWikiException("ProfileNameHasBracket", FailureKind.InvalidArgument, name,
                $"The {what} name '{name}' contains '[' or ']', which would break the file's section headers.");
        }

        if (name.IndexOfAny(new[] { '\r', '\n' }) >= 0)
        {
            throw new AwsWikiException("ProfileNameHasNewline", FailureKind.InvalidArgument, name.Replace("\r", "\\r").Replace("\n", "\\n"),
                $"The {what} name contains a line break.");
        }

        if (name == IniDocument.DefaultSectionName)
        {
            throw new AwsWikiException("ProfileNameReserved", FailureKind.InvalidArgument, name,
                $"'{name}' is reserved: in the credentials file [DEFAULT] holds keys that every profile inherits.");
        }

        if (PythonText.Strip(name).Length != name.Length)
        {
            throw new AwsWikiException("ProfileNameHasOuterWhitespace", FailureKind.InvalidArgument, name,
                $"The {what} name '{name}' starts or ends with white space, which the AWS CLI would strip.");
        }
    }

    /// <summary>Validates settings for a profile; returns warnings. <paramref name="profileExists"/> answers for source_profile.</summary>
    public static IReadOnlyList<string> Validate(string profileName, ProfileSettings settings, Func<string, bool> profileExists)
    {
        ValidateName(profileName);
        var warnings = new List<string>();

        if (settings.AccessKeyId is not null && settings.SecretAccessKey is null)
        {
            throw new AwsWikiException("AccessKeyWithoutSecretKey", FailureKind.InvalidArgument, profileName,
                "An access key was given without a secret key; give both -AccessKey and -SecretKey.");
        }

        if (settings.SecretAccessKey is not null && settings.AccessKeyId is null)
        {
            throw new AwsWikiException("SecretKeyWithoutAccessKey", FailureKind.InvalidArgument, profileName,
                "A secret key was given without an access key; give both -AccessKey and -SecretKey.");
        }

        if (settings.SessionToken is not null && settings.AccessKeyId is null)
        {
            throw new AwsWikiException("SessionTokenWithoutKeys", FailureKind.InvalidArgument, profileName,
                "A session token was given without -AccessKey and -SecretKey.");
        }

        if (settings.AccessKeyId is not null && settings.AccessKeyId.Length == 0)
        {
            throw new AwsWikiException("AccessKeyEmpty", FailureKind.InvalidArgument, profileName, "The access key id is empty.");
        }

        if (settings.SecretAccessKey is not null && settings.SecretAccessKey.Length == 0)
        {
            throw new AwsWikiException("SecretKeyEmpty", FailureKind.InvalidArgument, profileName, "The secret key is empty.");
        }

        if (settings.AccessKeyId is not null && !AccessKeyIdPattern.IsMatch(settings.AccessKeyId))
        {
            warnings.Add($"The access key id '{AwsProfile.MaskAccessKeyId(settings.AccessKeyId)}' does not look like an AWS key id (AKIA... or ASIA...). It is written as given.");
        }

        if (settings.RoleArn is not null && !RoleArnPattern.IsMatch(settings.RoleArn))
        {
            throw new AwsWikiException("InvalidRoleArn", FailureKind.InvalidArgument, settings.RoleArn,
                $"'{settings.RoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).");
        }

        if (settings.SourceProfile is not null)
        {
            ValidateName(settings.SourceProfile, "source profile");
            var selfWithKeys = settings.SourceProfile == profileName && settings.AccessKeyId is not null;
            if (!selfWithKeys && !profileExists(settings.SourceProfile))
            {
                throw new AwsWikiException("SourceProfileNotFound", FailureKind.ObjectNotFound, settings.SourceProfile,
                    $"The source profile '{settings.SourceProfile}' exists in neither the credentials nor the config file.");
            }
        }

        if (settings.Output is not null && !OutputFormats.Contains(settings.Output, StringComparer.Ordinal))
        {
            throw new AwsWikiException("InvalidOutputFormat", FailureKind.InvalidArgument, settings.Output,
                $"'{settings.Output}' is not an AWS CLI output format ({string.Join(", ", OutputFormats)}).");
        }

        if (settings.DurationSeconds is int seconds && (seconds < 900 || seconds > 43200))
        {
            throw new AwsWikiException("InvalidDurationSeconds", FailureKind.InvalidArgument, seconds,
                "duration_seconds must be between 900 and 43200.");
        }

        if (settings.SsoAccountId is not null && !AccountIdPattern.IsMatch(settings.SsoAccountId))
        {
            throw new AwsWikiException("InvalidSsoAccountId", FailureKind.InvalidArgument, settings.SsoAccountId,
                $"'{settings.SsoAccountId}' is not a 12-digit AWS account id.");
        }

        if (settings.SsoStartUrl is not null &&
            (!Uri.TryCreate(settings.SsoStartUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            throw new AwsWikiException("InvalidSsoStartUrl", FailureKind.InvalidArgument, settings.SsoStartUrl,
                $"'{settings.SsoStartUrl}' is not an https URL.");
        }

        if (settings.SsoSession is not null)
        {
            ValidateName(settings.SsoSession, "SSO session");
        }

        foreach (var region in new[] { settings.Region, settings.SsoRegion })
        {
            if (region is not null && !IsKnownRegion(region))
            {
                warnings.Add($"The region '{region}' is not one the AWS SDK knows. It is written as given.");
            }
        }

        foreach (var assignment in settings.Assignments())
        {
            if (assignment.Value.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new AwsWikiException("SettingHasNewline", FailureKind.InvalidArgument, assignment.Key,
                    $"The value for '{assignment.Key}' contains a line break, which would corrupt the file.");
            }

            // The AWS CLI strips values when it reads them, so such a key would silently not match.
            if (PythonText.Strip(assignment.Value).Length != assignment.Value.Length)
            {
                throw assignment.IsSecret
                    ? new AwsWikiException("SecretHasOuterWhitespace", FailureKind.InvalidArgument, assignment.Key,
                        $"The value for '{assignment.Key}' starts or ends with white space, which the AWS CLI strips when it reads the file; the key would not match. Give it without the white space.")
                    : new AwsWikiException("ValueHasOuterWhitespace", FailureKind.InvalidArgument, assignment.Key,
                        $"The value '{assignment.Value}' for '{assignment.Key}' starts or ends with white space, which the AWS CLI strips when it reads the file.");
            }
        }

        return warnings;
    }

    public static bool IsKnownRegion(string region)
    {
        return RegionEndpoint.EnumerableAllRegions.Any(r => string.Equals(r.SystemName, region, StringComparison.Ordinal));
    }
}
