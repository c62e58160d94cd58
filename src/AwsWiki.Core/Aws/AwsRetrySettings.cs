using System;
using System.Globalization;
using AwsWiki.Profiles;

namespace AwsWiki.Aws;

/// <summary>
/// How many attempts and which retry mode every AWS call of one cmdlet call uses, SDK clients and
/// hand-written clients alike. Read as the AWS SDKs read them: AWS_RETRY_MODE / AWS_MAX_ATTEMPTS,
/// else the profile's retry_mode / max_attempts in the config file, else standard mode with 3 attempts.
/// </summary>
public sealed class AwsRetrySettings
{
    public const int DefaultMaxAttempts = 3;

    public AwsRetrySettings(AwsRetryMode mode, int maxAttempts)
    {
        if (maxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt.");
        }

        Mode = mode;
        MaxAttempts = maxAttempts;
    }

    public static AwsRetrySettings Default { get; } = new(AwsRetryMode.Standard, DefaultMaxAttempts);

    public AwsRetryMode Mode { get; }

    /// <summary>Attempts in all, the first included (the SDK's MaxErrorRetry is one less).</summary>
    public int MaxAttempts { get; }

    /// <summary>Reads the settings for a profile (null: AWS_PROFILE, else "default").</summary>
    /// <param name="files">The profile files as read for this call; read now when null.</param>
    public static AwsRetrySettings Resolve(Func<string, string?> environment, string? profileName, ProfileFiles? files = null)
    {
        string? profileMode = null;
        string? profileAttempts = null;
        var modeVariable = environment("AWS_RETRY_MODE");
        var attemptsVariable = environment("AWS_MAX_ATTEMPTS");
        if (string.IsNullOrWhiteSpace(modeVariable) || string.IsNullOrWhiteSpace(attemptsVariable))
        {
            var name = string.IsNullOrEmpty(profileName) ? environment("AWS_PROFILE") : profileName;
            var settings = ProfileStore.SettingsOf(files ?? ProfileStore.FromEnvironment().Load(), string.IsNullOrEmpty(name) ? "default" : name!);
            if (settings is not null)
            {
                settings.TryGetValue("retry_mode", out profileMode);
                settings.TryGetValue("max_attempts", out profileAttempts);
            }
        }

        var (modeText, modeSource) = string.IsNullOrWhiteSpace(modeVariable) ? (profileMode, "retry_mode") : (modeVariable, "AWS_RETRY_MODE");
        var (attemptsText, attemptsSource) = string.IsNullOrWhiteSpace(attemptsVariable) ? (profileAttempts, "max_attempts") : (attemptsVariable, "AWS_MAX_ATTEMPTS");
        var mode = ParseMode(modeText, modeSource);
        var attempts = ParseAttempts(attemptsText, attemptsSource);
        return new AwsRetrySettings(mode, attempts);
    }

    public override string ToString() => $"{Mode.ToString().ToLowerInvariant()} retry mode, at most {MaxAttempts} attempt(s)";

    private static AwsRetryMode ParseMode(string? text, string source)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
            case "standard":
                return AwsRetryMode.Standard;
            case "legacy":
                return AwsRetryMode.Legacy;
            case "adaptive":
                return AwsRetryMode.Adaptive;
            default:
                throw Errors.InvalidRetryMode.New(text, source, text);
        }
    }

    private static int ParseAttempts(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultMaxAttempts;
        }

        if (!int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) || attempts < 1)
        {
            throw Errors.InvalidMaxAttempts.New(text, source, text);
        }

        return attempts;
    }
}
