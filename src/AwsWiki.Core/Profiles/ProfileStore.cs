using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AwsWiki.Internal;

namespace AwsWiki.Profiles;

/// <summary>
/// The AWS CLI's two profile files, read as botocore reads them and written as the CLI writes them:
/// keys in the credentials file under [name], everything else in the config file under
/// [profile name] ([default] for the default profile). Writes hold a machine-wide lock around
/// read-modify-write, refuse files the CLI cannot parse, and replace files atomically, following
/// symbolic links.
/// </summary>
public sealed class ProfileStore
{
    /// <summary>Problems reported per file before the rest are only counted.</summary>
    public const int WarningsPerFile = 5;

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
        return new ProfileStore(
            CliPath(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")) ?? CliPath("~/.aws/credentials")!,
            CliPath(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? CliPath("~/.aws/config")!);
    }

    /// <summary>The profile the session uses when none is named: AWS_PROFILE, else "default".</summary>
    public static string ActiveProfileName()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_PROFILE");
        return string.IsNullOrEmpty(fromEnvironment) ? "default" : fromEnvironment!;
    }

    /// <summary>Reads both files once; everything else reads from the snapshot.</summary>
    public ProfileFiles Load()
    {
        return new ProfileFiles(
            CredentialsPath, IniDocument.Parse(ReadProfileFile(CredentialsPath)),
            ConfigPath, IniDocument.Parse(ReadProfileFile(ConfigPath)));
    }

    /// <summary>A file's bytes (none when it does not exist); a directory, a symlink loop or a denied read is a specific error.</summary>
    private static byte[] ReadProfileFile(string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Directory:
                throw Errors.ProfileFileIsDirectory.New(path, path);
            case FileKind.SymlinkLoop:
                throw Errors.ProfileFileSymlinkLoop.New(path, path);
            case FileKind.Missing:
                return Array.Empty<byte>();
        }

        try
        {
            return AtomicFile.ReadAllBytes(path) ?? Array.Empty<byte>();
        }
        catch (UnauthorizedAccessException e)
        {
            throw Errors.ProfileFileAccessDenied.Wrap(e, path, path, "read");
        }
        catch (IOException e)
        {
            throw Errors.ProfileFileUnreadable.Wrap(e, path, path, e.Message);
        }
    }

    public IReadOnlyList<string> ProfileNames() => Load().Names;

    public bool Exists(string name) => Load().Exists(name);

    /// <summary>What botocore would reject, by file and line: the first few per file, then a count. Lines are never quoted: they may hold a secret.</summary>
    public IReadOnlyList<string> ParseWarnings() => ParseWarnings(Load());

    public static IReadOnlyList<string> ParseWarnings(ProfileFiles files)
    {
        var warnings = new List<string>();
        foreach (var (path, document) in new[] { (files.CredentialsPath, files.Credentials), (files.ConfigPath, files.Config) })
        {
            foreach (var problem in document.Problems.Take(WarningsPerFile))
            {
                warnings.Add($"{path}, line {problem.LineNumber}: {problem.Message}");
            }

            if (document.Problems.Count > WarningsPerFile)
            {
                warnings.Add($"{path}: {document.Problems.Count - WarningsPerFile} more problems not shown.");
            }
        }

        return warnings;
    }

    public IReadOnlyList<AwsProfile> GetProfiles() => GetProfiles(Load());

    public static IReadOnlyList<AwsProfile> GetProfiles(ProfileFiles files)
    {
        var active = ActiveProfileName();
        return files.Names.Select(name => BuildProfile(name, files, active)).ToList();
    }

    /// <summary>The named profiles (names as <see cref="ProfileFiles.Names"/> has them), in the given order.</summary>
    public static IReadOnlyList<AwsProfile> GetProfiles(ProfileFiles files, IEnumerable<string> names)
    {
        var active = ActiveProfileName();
        return names.Select(name => BuildProfile(name, files, active)).ToList();
    }

    public AwsProfile? GetProfile(string name)
    {
        var files = Load();
        return files.Exists(name) ? BuildProfile(name, files, ActiveProfileName()) : null;
    }

    /// <summary>
    /// Every setting of a profile, secrets included: the SSO session's settings, the config-file
    /// settings over them, and the credentials-file keys on top. Nested blocks are left out. Only for
    /// handing to the SDK's credential providers; null when the profile is in neither file.
    /// </summary>
    internal IReadOnlyDictionary<string, string>? ReadSettings(string name) => SettingsOf(Load(), name);

    /// <summary>The same as <see cref="ReadSettings"/>, from files already read.</summary>
    internal static IReadOnlyDictionary<string, string>? SettingsOf(ProfileFiles files, string name)
    {
        var merged = files.MergedValues(name);
        if (merged is null)
        {
            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (merged.TryGetValue("sso_session", out var session) && session is string sessionName && files.SsoSessionValues(sessionName) is { } sessionValues)
        {
            foreach (var pair in sessionValues)
            {
                if (pair.Value is string text)
                {
                    settings[pair.Key] = text;
                }
            }
        }

        foreach (var pair in merged)
        {
            if (pair.Value is string text)
            {
                settings[pair.Key] = text;
            }
        }

        return settings;
    }

    /// <summary>Checks the settings against the files as they are now; returns warnings, throws on errors.</summary>
    public IReadOnlyList<string> Validate(string name, ProfileSettings settings)
    {
        var files = Load();
        return ProfileValidation.Validate(name, settings, files.Exists);
    }

    /// <summary>Throws when botocore would refuse either file: writing into it could land where the CLI never reads.</summary>
    public static void EnsureWritable(ProfileFiles files)
    {
        foreach (var (path, document) in new[] { (files.CredentialsPath, files.Credentials), (files.ConfigPath, files.Config) })
        {
            var problem = document.Problems.FirstOrDefault(p => !p.IsEncoding);
            if (problem is not null)
            {
                throw Errors.ProfileFileInvalid.New(path, path, problem.LineNumber, problem.Message);
            }
        }
    }

    /// <summary>Writes the given settings; keys not given stay as they are.</summary>
    public void Set(string name, ProfileSettings settings)
    {
        using (AcquireLocks())
        {
            var files = Load();
            EnsureWritable(files);
            ProfileValidation.Validate(name, settings, files.Exists);

            var credentials = files.Credentials.Bytes;
            var config = files.Config.Bytes;
            foreach (var assignment in settings.Assignments())
            {
                switch (assignment.Location)
                {
                    case SettingLocation.Credentials:
                        credentials = SetInCredentials(credentials, name, assignment.Key, assignment.Value);
                        break;
                    case SettingLocation.Profile:
                        config = SetInConfig(config, f => f.ConfigSection(name), ProfileFiles.ConfigHeaderFor(name), assignment.Key, assignment.Value);
                        break;
                    case SettingLocation.SsoSession:
                        config = SetInConfig(config, f => f.SsoSessionSection(settings.SsoSession!), ProfileFiles.SsoSessionHeaderFor(settings.SsoSession!), assignment.Key, assignment.Value);
                        break;
                }
            }

            WriteIfChanged(CredentialsPath, files.Credentials.Bytes, credentials);
            WriteIfChanged(ConfigPath, files.Config.Bytes, config);
        }
    }

    /// <summary>The keys an sso-session-only write sets; throws SsoSessionSettingsOnly when a profile setting is among them.</summary>
    public static IReadOnlyList<string> SsoSessionKeys(ProfileSettings settings)
    {
        var keys = settings.Assignments().Select(a => a.Key).Where(k => k != "sso_session").ToList();
        if (keys.Count == 0 || keys.Any(k => k is not ("sso_start_url" or "sso_region" or "sso_registration_scopes")))
        {
            throw Errors.SsoSessionSettingsOnly.New(settings.SsoSession);
        }

        return keys;
    }

    /// <summary>
    /// Writes an [sso-session NAME] section's settings (sso_start_url, sso_region,
    /// sso_registration_scopes); the values not given stay as they are. No profile is touched.
    /// </summary>
    public void SetSsoSession(string session, ProfileSettings settings)
    {
        SsoSessionKeys(settings);
        var (startUrl, region, registrationScopes) = (settings.SsoStartUrl, settings.SsoRegion, settings.SsoRegistrationScopes);
        ProfileValidation.ValidateName(session);
        using (AcquireLocks())
        {
            var files = Load();
            EnsureWritable(files);
            var config = files.Config.Bytes;
            foreach (var (key, value) in new[] { ("sso_start_url", startUrl), ("sso_region", region), ("sso_registration_scopes", registrationScopes) })
            {
                if (value is not null)
                {
                    config = SetInConfig(config, f => f.SsoSessionSection(session), ProfileFiles.SsoSessionHeaderFor(session), key, value);
                }
            }

            WriteIfChanged(ConfigPath, files.Config.Bytes, config);
        }
    }

    /// <summary>Removes every section of the profile from both files. Returns false when it was in neither.</summary>
    public bool Remove(string name)
    {
        ProfileValidation.ValidateName(name);
        using (AcquireLocks())
        {
            var files = Load();
            EnsureWritable(files);
            var credentialsSection = files.Credentials.FindSection(name);
            var credentials = credentialsSection is null
                ? files.Credentials.Bytes
                : files.Credentials.RemoveLines(new[] { SectionRange(files.Credentials, credentialsSection) });
            var configSections = files.AllConfigSections(name).ToList();
            var config = configSections.Count == 0
                ? files.Config.Bytes
                : files.Config.RemoveLines(configSections.Select(s => SectionRange(files.Config, s)).ToList());

            WriteIfChanged(CredentialsPath, files.Credentials.Bytes, credentials);
            WriteIfChanged(ConfigPath, files.Config.Bytes, config);
            return credentialsSection is not null || configSections.Count > 0;
        }
    }

    /// <summary>
    /// A path as botocore takes it: environment variables expanded, then ~ as Python's
    /// os.path.expanduser does: HOME on Linux and macOS; USERPROFILE, else HOMEDRIVE+HOMEPATH on Windows.
    /// </summary>
    public static string? CliPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var expanded = ExpandVariables(path!);
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal) ||
            (IsWindows && expanded.StartsWith("~\\", StringComparison.Ordinal)))
        {
            expanded = HomeDirectory() + expanded.Substring(1);
        }

        return expanded;
    }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static string HomeDirectory()
    {
        string? home;
        if (IsWindows)
        {
            home = Environment.GetEnvironmentVariable("USERPROFILE");
            if (string.IsNullOrEmpty(home))
            {
                var drive = Environment.GetEnvironmentVariable("HOMEDRIVE") ?? string.Empty;
                var homePath = Environment.GetEnvironmentVariable("HOMEPATH");
                home = string.IsNullOrEmpty(homePath) ? null : drive + homePath;
            }
        }
        else
        {
            home = Environment.GetEnvironmentVariable("HOME");
        }

        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home!.TrimEnd('/', '\\');
    }

    /// <summary>os.path.expandvars: $NAME and ${NAME} (and %NAME% on Windows); unknown names stay as written.</summary>
    private static string ExpandVariables(string path)
    {
        var pattern = IsWindows ? @"\$\{(?<n>[^}]+)\}|\$(?<n>[A-Za-z0-9_]+)|%(?<n>[^%]+)%" : @"\$\{(?<n>[^}]+)\}|\$(?<n>[A-Za-z0-9_]+)";
        return Regex.Replace(path, pattern, m => Environment.GetEnvironmentVariable(m.Groups["n"].Value) ?? m.Value);
    }

    private static byte[] SetInCredentials(byte[] bytes, string name, string key, string value)
    {
        var document = IniDocument.Parse(bytes);
        var section = document.FindSection(name);
        return section is null ? document.AppendSection(name, new[] { key + " = " + value }) : SetInSection(document, section, key, value);
    }

    private static byte[] SetInConfig(byte[] bytes, Func<ProfileFiles, IniSection?> find, string header, string key, string value)
    {
        var document = IniDocument.Parse(bytes);
        var files = new ProfileFiles(string.Empty, IniDocument.Parse(Array.Empty<byte>()), string.Empty, document);
        var section = find(files);
        return section is null ? document.AppendSection(header, new[] { key + " = " + value }) : SetInSection(document, section, key, value);
    }

    /// <summary>
    /// Replaces the key's value where it is, or adds the key after the section's last setting with
    /// that setting's indentation, so that neither the new line nor any line after it changes meaning.
    /// </summary>
    private static byte[] SetInSection(IniDocument document, IniSection section, string key, string value)
    {
        var existing = section.Options.LastOrDefault(o => o.Key == key);
        if (existing is not null)
        {
            return document.ReplaceValue(existing, value);
        }

        var after = section.LastContentLine;
        var indent = IndentOf(document.Lines[after].Text);
        if (section.Options.Count == 0)
        {
            // Under a bare header, the next header must not become a continuation of the new key.
            var next = NextContentLine(document, after);
            if (next >= 0)
            {
                var nextIndent = IndentOf(document.Lines[next].Text);
                if (nextIndent.Length > indent.Length)
                {
                    indent = nextIndent;
                }
            }
        }
        else
        {
            indent = IndentOf(document.Lines[section.Options[section.Options.Count - 1].Line].Text);
        }

        return document.InsertLine(after, indent + key + " = " + value);
    }

    private static int NextContentLine(IniDocument document, int after)
    {
        for (var i = after + 1; i < document.Lines.Count; i++)
        {
            if (document.Lines[i].Kind is not (IniLineKind.Blank or IniLineKind.Comment))
            {
                return i;
            }
        }

        return -1;
    }

    private static string IndentOf(string text)
    {
        var first = PythonText.FirstNonSpace(text);
        return first <= 0 ? string.Empty : text.Substring(0, first);
    }

    /// <summary>A section's header through its last setting, and the blank line just above it; comments below stay with the next section.</summary>
    private static (int First, int Last) SectionRange(IniDocument document, IniSection section)
    {
        var first = section.HeaderLine > 0 && document.Lines[section.HeaderLine - 1].Kind == IniLineKind.Blank ? section.HeaderLine - 1 : section.HeaderLine;
        return (first, section.LastContentLine);
    }

    private static AwsProfile BuildProfile(string name, ProfileFiles files, string activeName)
    {
        var merged = files.MergedValues(name) ?? new Dictionary<string, object>();
        string? Setting(string key) => merged.TryGetValue(key, out var value) && value is string text && text.Length > 0 ? text : null;

        var sources = new List<string>();
        if (files.Credentials.FindSection(name) is not null)
        {
            sources.Add(files.CredentialsPath);
        }

        if (files.ConfigSection(name) is not null)
        {
            sources.Add(files.ConfigPath);
        }

        var ssoSession = Setting("sso_session");
        var ssoStartUrl = Setting("sso_start_url");
        if (ssoStartUrl is null && ssoSession is not null && files.SsoSessionValues(ssoSession) is { } session &&
            session.TryGetValue("sso_start_url", out var url) && url is string urlText && urlText.Length > 0)
        {
            ssoStartUrl = urlText;
        }

        // The key botocore would use: the credentials file's, else the config file's.
        var accessKeyId = files.CredentialsValues(name) is { } keys && keys.TryGetValue("aws_access_key_id", out var id)
            ? id as string
            : Setting("aws_access_key_id");

        return new AwsProfile
        {
            ProfileName = name,
            Region = Setting("region"),
            Output = Setting("output"),
            CredentialType = CredentialTypeResolver.Resolve(name, files),
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

    private static void WriteIfChanged(string path, byte[] before, byte[] after)
    {
        if (!SameBytes(before, after))
        {
            try
            {
                AtomicFile.WriteAllBytes(path, after);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Errors.ProfileFileAccessDenied.Wrap(e, path, path, "write");
            }
        }
    }

    private static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
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
