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
internal static class ProfileValidation
{
    private static readonly Regex AccessKeyIdPattern = new("^(AKIA|ASIA)[A-Z0-9]{12,124}$", RegexOptions.CultureInvariant);
    private static readonly Regex RoleArnPattern = new(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountIdPattern = new(@"^\d{12}$", RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<string> OutputFormats = new[] { "json", "text", "table", "yaml", "yaml-stream" };

    public static void ValidateName(string? name, string what = "profile")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw Errors.ProfileNameEmpty.New(name, what);
        }

        if (name!.IndexOfAny(new[] { '[', ']' }) >= 0)
        {
            throw Errors.ProfileNameHasBracket.New(name, what, name);
        }

        if (name.IndexOfAny(new[] { '\r', '\n' }) >= 0)
        {
            throw Errors.ProfileNameHasNewline.New(UserText.Show(name), what);
        }

        if (name == IniDocument.DefaultSectionName)
        {
            throw Errors.ProfileNameReserved.New(name, name);
        }

        if (PythonText.Strip(name).Length != name.Length)
        {
            throw Errors.ProfileNameHasOuterWhitespace.New(name, what, name);
        }
    }

    /// <summary>Validates settings for a profile; returns warnings. <paramref name="profileExists"/> answers for source_profile.</summary>
    public static IReadOnlyList<string> Validate(string profileName, ProfileSettings settings, Func<string, bool> profileExists)
    {
        ValidateName(profileName);
        var warnings = new List<string>();

        if (settings.AccessKeyId is not null && settings.SecretAccessKey is null)
        {
            throw Errors.AccessKeyWithoutSecretKey.New(profileName);
        }

        if (settings.SecretAccessKey is not null && settings.AccessKeyId is null)
        {
            throw Errors.SecretKeyWithoutAccessKey.New(profileName);
        }

        if (settings.SessionToken is not null && settings.AccessKeyId is null)
        {
            throw Errors.SessionTokenWithoutKeys.New(profileName);
        }

        if (settings.AccessKeyId is not null && settings.AccessKeyId.Length == 0)
        {
            throw Errors.AccessKeyEmpty.New(profileName);
        }

        if (settings.SecretAccessKey is not null && settings.SecretAccessKey.Length == 0)
        {
            throw Errors.SecretKeyEmpty.New(profileName);
        }

        // An empty value would write "key =": botocore reads it as set to nothing, which no setting means.
        foreach (var assignment in settings.Assignments().Where(a => !a.IsSecret && a.Value.Length == 0))
        {
            throw Errors.SettingEmpty.New(assignment.Key, assignment.Key);
        }

        if (settings.AccessKeyId is not null && !AccessKeyIdPattern.IsMatch(settings.AccessKeyId))
        {
            warnings.Add($"The access key id '{AwsProfile.MaskAccessKeyId(settings.AccessKeyId)}' does not look like an AWS key id (AKIA... or ASIA...). It is written as given.");
        }

        if (settings.RoleArn is not null && !RoleArnPattern.IsMatch(settings.RoleArn))
        {
            throw Errors.InvalidRoleArn.New(settings.RoleArn, settings.RoleArn);
        }

        if (settings.SourceProfile is not null)
        {
            ValidateName(settings.SourceProfile, "source profile");
            var selfWithKeys = settings.SourceProfile == profileName && settings.AccessKeyId is not null;
            if (!selfWithKeys && !profileExists(settings.SourceProfile))
            {
                throw Errors.SourceProfileNotFound.New(settings.SourceProfile, settings.SourceProfile);
            }
        }

        if (settings.Output is not null && !OutputFormats.Contains(settings.Output, StringComparer.Ordinal))
        {
            throw Errors.InvalidOutputFormat.New(settings.Output, settings.Output, string.Join(", ", OutputFormats));
        }

        if (settings.DurationSeconds is int seconds && (seconds < 900 || seconds > 43200))
        {
            throw Errors.InvalidDurationSeconds.New(seconds, seconds);
        }

        if (settings.SsoAccountId is not null && !AccountIdPattern.IsMatch(settings.SsoAccountId))
        {
            throw Errors.InvalidSsoAccountId.New(settings.SsoAccountId, settings.SsoAccountId);
        }

        if (settings.SsoStartUrl is not null &&
            (!Uri.TryCreate(settings.SsoStartUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            throw Errors.InvalidSsoStartUrl.New(settings.SsoStartUrl, settings.SsoStartUrl);
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
                throw Errors.SettingHasNewline.New(assignment.Key, assignment.Key);
            }

            // The AWS CLI strips values when it reads them, so such a key would silently not match.
            if (PythonText.Strip(assignment.Value).Length != assignment.Value.Length)
            {
                throw assignment.IsSecret
                    ? Errors.SecretHasOuterWhitespace.New(assignment.Key, assignment.Key)
                    : Errors.ValueHasOuterWhitespace.New(assignment.Key, assignment.Value, assignment.Key);
            }
        }

        return warnings;
    }

    public static bool IsKnownRegion(string region)
    {
        return RegionEndpoint.EnumerableAllRegions.Any(r => string.Equals(r.SystemName, region, StringComparison.Ordinal));
    }
}
