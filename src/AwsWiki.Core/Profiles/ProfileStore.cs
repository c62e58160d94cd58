using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AwsWiki.Internal;

namespace AwsWiki.Profiles;

/// <summary>
/// The AWS CLI's two profile files, read and written the way the CLI does: keys in the
/// credentials file under [name], everything else in the config file under [profile name]
/// ([default] for the default profile). Writes hold a machine-wide lock around
/// read-modify-write and replace files atomically.
/// </summary>
public sealed class ProfileStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public ProfileStore(string credentialsPath, string configPath)
    {
        CredentialsPath = Path.GetFullPath(credentialsPath);
        ConfigPath = Path.GetFullPath(configPath);
    }

    public string CredentialsPath { get; }

    public string ConfigPath { get; }

    /// <summary>The files the AWS CLI would use now: AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, else ~/.aws.</summary>
    public static ProfileStore FromEnvironment()
    {
        var awsFolder = Path.Combine(HomeDirectory(), ".aws");
        return new ProfileStore(
            ExpandHome(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")) ?? Path.Combine(awsFolder, "credentials"),
            ExpandHome(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? Path.Combine(awsFolder, "config"));
    }

    /// <summary>The profile the session uses when none is named: AWS_PROFILE, else "default".</summary>
    public static string ActiveProfileName()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_PROFILE");
        return string.IsNullOrEmpty(fromEnvironment) ? "default" : fromEnvironment!;
    }

    public IReadOnlyList<string> ProfileNames()
    {
        var (credentials, config) = Load();
        return NamesIn(credentials, config);
    }

    public bool Exists(string name) => ProfileNames().Contains(name, StringComparer.Ordinal);

    /// <summary>Lines that could not be parsed, by file and line number; their text is not quoted because it may hold a secret.</summary>
    public IReadOnlyList<string> ParseWarnings()
    {
        var (credentials, config) = Load();
        return Warnings(credentials, CredentialsPath).Concat(Warnings(config, ConfigPath)).ToList();
    }

    public IReadOnlyList<AwsProfile> GetProfiles()
    {
        var (credentials, config) = Load();
        var active = ActiveProfileName();
        return NamesIn(credentials, config).Select(name => BuildProfile(name, credentials, config, active)).ToList();
    }

    public AwsProfile? GetProfile(string name)
    {
        var (credentials, config) = Load();
        return NamesIn(credentials, config).Contains(name, StringComparer.Ordinal)
            ? BuildProfile(name, credentials, config, ActiveProfileName())
            : null;
    }

    /// <summary>
    /// Every setting of a profile, secrets included: config-file settings, the SSO session's URL and
    /// region, and the credentials-file keys on top. Only for handing to the SDK's credential
    /// providers; null when the profile is in neither file.
    /// </summary>
    internal IReadOnlyDictionary<string, string>? ReadSettings(string name)
    {
        var (credentials, config) = Load();
        var section = ConfigSection(name, config);
        if (!credentials.HasSection(name) && !config.HasSection(section))
        {
            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var profileSettings = config.GetSection(section);
        if (profileSettings.TryGetValue("sso_session", out var ssoSession))
        {
            foreach (var pair in config.GetSection("sso-session " + ssoSession))
            {
                settings[pair.Key] = pair.Value;
            }
        }

        foreach (var pair in profileSettings.Concat(credentials.GetSection(name)))
        {
            settings[pair.Key] = pair.Value;
        }

        return settings;
    }

    /// <summary>Checks the settings against the files as they are now; returns warnings, throws on errors.</summary>
    public IReadOnlyList<string> Validate(string name, ProfileSettings settings)
    {
        var (credentials, config) = Load();
        var names = NamesIn(credentials, config);
        return ProfileValidation.Validate(name, settings, n => names.Contains(n, StringComparer.Ordinal));
    }

    /// <summary>Writes the given settings; keys not given stay as they are. Returns the profile as written.</summary>
    public AwsProfile Set(string name, ProfileSettings settings)
    {
        using (AcquireLocks())
        {
            var (credentials, config) = Load();
            var names = NamesIn(credentials, config);
            ProfileValidation.Validate(name, settings, n => names.Contains(n, StringComparer.Ordinal));

            var credentialsBefore = credentials.ToString();
            var configBefore = config.ToString();
            foreach (var assignment in settings.Assignments())
            {
                switch (assignment.Location)
                {
                    case SettingLocation.Credentials:
                        credentials.SetValue(name, assignment.Key, assignment.Value);
                        break;
                    case SettingLocation.Profile:
                        config.SetValue(ConfigSection(name, config), assignment.Key, assignment.Value);
                        break;
                    case SettingLocation.SsoSession:
                        config.SetValue("sso-session " + settings.SsoSession, assignment.Key, assignment.Value);
                        break;
                }
            }

            WriteIfChanged(CredentialsPath, credentialsBefore, credentials);
            WriteIfChanged(ConfigPath, configBefore, config);
            return BuildProfile(name, credentials, config, ActiveProfileName());
        }
    }

    /// <summary>Removes the profile's sections from both files. Returns false when it was in neither.</summary>
    public bool Remove(string name)
    {
        ProfileValidation.ValidateName(name);
        using (AcquireLocks())
        {
            var (credentials, config) = Load();
            var credentialsBefore = credentials.ToString();
            var configBefore = config.ToString();
            var removed = credentials.RemoveSection(name);
            removed |= config.RemoveSection(name == "default" ? "default" : "profile " + name);
            if (name == "default")
            {
                removed |= config.RemoveSection("profile default");
            }

            WriteIfChanged(CredentialsPath, credentialsBefore, credentials);
            WriteIfChanged(ConfigPath, configBefore, config);
            return removed;
        }
    }

    private static string HomeDirectory()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetEnvironmentVariable("USERPROFILE");
        }

        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home!;
    }

    private static string? ExpandHome(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        return path!.StartsWith("~", StringComparison.Ordinal) ? HomeDirectory() + path.Substring(1) : path;
    }

    private static string ConfigSection(string name, IniDocument config)
    {
        if (name != "default")
        {
            return "profile " + name;
        }

        // The CLI reads both spellings of the default section; write to the one that is there.
        return !config.HasSection("default") && config.HasSection("profile default") ? "profile default" : "default";
    }

    private static List<string> NamesIn(IniDocument credentials, IniDocument config)
    {
        var names = new List<string>(credentials.SectionNames);
        foreach (var section in config.SectionNames)
        {
            if (section == "default")
            {
                names.Add("default");
            }
            else if (section.StartsWith("profile ", StringComparison.Ordinal))
            {
                names.Add(section.Substring("profile ".Length));
            }
        }

        return names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private AwsProfile BuildProfile(string name, IniDocument credentials, IniDocument config, string activeName)
    {
        var keys = credentials.GetSection(name);
        var section = ConfigSection(name, config);
        var settings = config.GetSection(section);
        string? Setting(string key) => settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        string? Key(string key) => keys.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        var sources = new List<string>();
        if (credentials.HasSection(name))
        {
            sources.Add(CredentialsPath);
        }

        if (config.HasSection(section))
        {
            sources.Add(ConfigPath);
        }

        var ssoSession = Setting("sso_session");
        var ssoStartUrl = Setting("sso_start_url") ?? (ssoSession is null ? null : config.GetValue("sso-session " + ssoSession, "sso_start_url"));
        var accessKeyId = Key("aws_access_key_id") ?? Setting("aws_access_key_id");
        var hasToken = (Key("aws_session_token") ?? Setting("aws_session_token")) is not null;

        CredentialType type;
        if (Setting("role_arn") is not null)
        {
            type = CredentialType.AssumeRole;
        }
        else if (ssoSession is not null || ssoStartUrl is not null || Setting("sso_account_id") is not null)
        {
            type = CredentialType.Sso;
        }
        else if (accessKeyId is not null)
        {
            type = hasToken ? CredentialType.Session : CredentialType.Static;
        }
        else if (Setting("credential_process") is not null)
        {
            type = CredentialType.Process;
        }
        else
        {
            type = CredentialType.None;
        }

        return new AwsProfile
        {
            ProfileName = name,
            Region = Setting("region"),
            Output = Setting("output"),
            CredentialType = type,
            AccessKeyId = AwsProfile.MaskAccessKeyId(accessKeyId),
            RoleArn = Setting("role_arn"),
            SourceProfile = Setting("source_profile"),
            MfaSerial = Setting("mfa_serial"),
            SsoSession = ssoSession,
            SsoStartUrl = ssoStartUrl,
            SsoAccountId = Setting("sso_account_id"),
            SsoRoleName = Setting("sso_role_name"),
            CredentialProcess = Setting("credential_process"),
            IsActive = name == activeName,
            Source = string.Join("; ", sources),
        };
    }

    private static IEnumerable<string> Warnings(IniDocument document, string path)
    {
        return document.UnparsedLineNumbers.Select(line =>
            $"{path}, line {line}: the line is not a section, setting or comment. It is kept as it is.");
    }

    private (IniDocument Credentials, IniDocument Config) Load()
    {
        return (IniDocument.Parse(AtomicFile.ReadAllText(CredentialsPath) ?? string.Empty),
            IniDocument.Parse(AtomicFile.ReadAllText(ConfigPath) ?? string.Empty));
    }

    private static void WriteIfChanged(string path, string before, IniDocument document)
    {
        var after = document.ToString();
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            AtomicFile.WriteAllText(path, after);
        }
    }

    private IDisposable AcquireLocks()
    {
        // Always in the same order, so two writers never wait on each other crosswise.
        var paths = new[] { CredentialsPath, ConfigPath }.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var locks = new List<FileLock>();
        try
        {
            foreach (var path in paths)
            {
                locks.Add(FileLock.Acquire(path, LockTimeout));
            }
        }
        catch
        {
            locks.ForEach(l => l.Dispose());
            throw;
        }

        return new CompositeDisposable(locks);
    }

    private sealed class CompositeDisposable : IDisposable
    {
        private readonly List<FileLock> _items;

        public CompositeDisposable(List<FileLock> items) => _items = items;

        public void Dispose()
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                _items[i].Dispose();
            }
        }
    }
}
