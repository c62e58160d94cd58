using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AwsWiki.Credentials;
using AwsWiki.Internal;
using AwsWiki.Profiles;

namespace AwsWiki.Sso;

/// <summary>
/// The AWS CLI v2's SSO cache (~/.aws/sso/cache), shared with the CLI and every SDK: the token in
/// SHA1(session name, or start URL for legacy profiles).json, the client registration in
/// SHA1(json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)).json, as
/// botocore's SSOTokenLoader and the CLI's SSOTokenFetcher name them. Files are owner-only (0600)
/// and replaced atomically.
/// </summary>
internal sealed class SsoTokenCache
{
    /// <summary>botocore's SSOTokenFetcher._DEFAULT_EXPIRY_WINDOW: a registration this close to expiry is renewed.</summary>
    public static readonly TimeSpan ExpiryWindow = TimeSpan.FromMinutes(15);

    public SsoTokenCache(string? directory = null)
    {
        Directory = directory ?? ProfileStore.CliPath(Path.Combine("~", ".aws", "sso", "cache"))!;
    }

    public string Directory { get; }

    public string TokenPath(SsoSession session) => Path.Combine(Directory, Sha1Hex(session.CacheKey) + ".json");

    public string RegistrationPath(SsoSession session) => Path.Combine(Directory, RegistrationKey(session) + ".json");

    /// <summary>The CLI's registration key: json.dumps of its arguments, keys sorted, Python's separators and escaping.</summary>
    public static string RegistrationKey(SsoSession session)
    {
        string Json(string? text) => text is null ? "null" : CliRoleSessionCache.PythonJsonString(text);
        var scopes = session.Scopes.Count == 0 ? "null" : "[" + string.Join(", ", session.Scopes.Select(s => Json(s))) + "]";
        var arguments = $"{{\"region\": {Json(session.Region)}, \"scopes\": {scopes}, \"session_name\": {Json(session.Name)}, " +
                        $"\"startUrl\": {Json(session.StartUrl)}, \"tool\": \"botocore\"}}";
        return Sha1Hex(arguments);
    }

    public SsoToken? ReadToken(SsoSession session)
    {
        using var document = ReadJson(TokenPath(session));
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = document.RootElement;
        var expires = ParseTime(String(root, "expiresAt"));
        var accessToken = String(root, "accessToken");
        if (expires is null || accessToken is null)
        {
            return null;
        }

        return new SsoToken
        {
            StartUrl = String(root, "startUrl") ?? session.StartUrl,
            Region = String(root, "region") ?? session.Region,
            AccessToken = accessToken,
            ExpiresAtUtc = expires.Value,
            ClientId = String(root, "clientId"),
            ClientSecret = String(root, "clientSecret"),
            RegistrationExpiresAtUtc = ParseTime(String(root, "registrationExpiresAt")),
            RefreshToken = String(root, "refreshToken"),
        };
    }

    public void WriteToken(SsoSession session, SsoToken token) => Write(TokenPath(session), writer =>
    {
        writer.WriteString("startUrl", token.StartUrl);
        writer.WriteString("region", token.Region);
        writer.WriteString("accessToken", token.AccessToken);
        writer.WriteString("expiresAt", FormatTime(token.ExpiresAtUtc));
        if (token.ClientId is not null && token.ClientSecret is not null)
        {
            writer.WriteString("clientId", token.ClientId);
            writer.WriteString("clientSecret", token.ClientSecret);
        }

        if (token.RegistrationExpiresAtUtc is { } registrationExpires)
        {
            writer.WriteString("registrationExpiresAt", FormatTime(registrationExpires));
        }

        if (token.RefreshToken is not null)
        {
            writer.WriteString("refreshToken", token.RefreshToken);
        }
    });

    /// <summary>Removes the session's token; false when there was none.</summary>
    public bool DeleteToken(SsoSession session)
    {
        var path = TokenPath(session);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Every token file in the cache (what 'aws sso logout' removes): entries with accessToken and startUrl.</summary>
    public IReadOnlyList<(string Path, SsoToken Token)> AllTokens()
    {
        var found = new List<(string, SsoToken)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return found;
        }

        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            using var document = ReadJson(path);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && String(root, "accessToken") is { } token &&
                String(root, "startUrl") is { } startUrl)
            {
                found.Add((path, new SsoToken
                {
                    StartUrl = startUrl,
                    Region = String(root, "region") ?? string.Empty,
                    AccessToken = token,
                    ExpiresAtUtc = ParseTime(String(root, "expiresAt")) ?? DateTime.MinValue,
                }));
            }
        }

        return found;
    }

    /// <summary>The cached registration while it has more than the expiry window left; else null.</summary>
    public SsoRegistration? ReadRegistration(SsoSession session, DateTime nowUtc)
    {
        using var document = ReadJson(RegistrationPath(session));
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var expires = ParseTime(String(root, "expiresAt"));
        var id = String(root, "clientId");
        var secret = String(root, "clientSecret");
        return expires is null || id is null || secret is null || expires.Value - nowUtc < ExpiryWindow
            ? null
            : new SsoRegistration { ClientId = id, ClientSecret = secret, ExpiresAtUtc = expires.Value };
    }

    public void WriteRegistration(SsoSession session, SsoRegistration registration, DateTime receivedAtUtc) => Write(RegistrationPath(session), writer =>
    {
        writer.WriteString("clientId", registration.ClientId);
        writer.WriteString("clientSecret", registration.ClientSecret);
        writer.WriteString("expiresAt", FormatTime(registration.ExpiresAtUtc));
        writer.WriteString("receivedAt", FormatTime(receivedAtUtc));
        if (session.Scopes.Count > 0)
        {
            writer.WriteStartArray("scopes");
            foreach (var scope in session.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
        }
    });

    internal static string Sha1Hex(string text)
    {
        using var sha1 = SHA1.Create();
        var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(text));
        return string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>ISO 8601 in UTC with a Z, as the CLI v2 writes it; botocore and the .NET SDK read it.</summary>
    internal static string FormatTime(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with Z or an offset, and the older "...UTC" (strftime %Z) form.</summary>
    internal static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text!.Trim();
        if (trimmed.EndsWith("UTC", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(0, trimmed.Length - 3) + "Z";
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.UtcDateTime : null;
    }

    private static JsonDocument? ReadJson(string path)
    {
        try
        {
            var text = AtomicFile.ReadAllText(path);
            return text is null ? null : JsonDocument.Parse(text);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // An unreadable entry is a miss, as in botocore's JSONFileCache.
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Write(string path, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        // Owner-only (0600) whatever another tool left: restricted before the new bytes are written,
        // as the replacement takes the existing file's mode; then replaced atomically.
        if (File.Exists(path) && UnixPermissions.Get(path) is int mode && mode != UnixPermissions.OwnerReadWrite)
        {
            UnixPermissions.SetFile(path, UnixPermissions.OwnerReadWrite);
        }

        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }
}
