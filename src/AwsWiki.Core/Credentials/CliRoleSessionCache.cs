using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.Runtime;
using AwsWiki.Internal;

namespace AwsWiki.Credentials;

/// <summary>
/// The AWS CLI's cache of assumed-role sessions (~/.aws/cli/cache/KEY.json), shared with the CLI:
/// a session either of us assumed is used by the other until 15 minutes before it expires. The
/// key and file layout are botocore's (AssumeRoleCredentialFetcher, JSONFileCache).
/// </summary>
internal sealed class CliRoleSessionCache
{
    /// <summary>botocore's CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS.</summary>
    private static readonly TimeSpan ExpiryWindow = TimeSpan.FromMinutes(15);

    public CliRoleSessionCache(string? directory = null)
    {
        Directory = directory ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "cli", "cache");
    }

    public string Directory { get; }

    /// <summary>
    /// botocore's key: SHA-1 of json.dumps(assume-role arguments, sort_keys=True), where the
    /// arguments are RoleArn plus whichever of RoleSessionName (only when configured), ExternalId,
    /// SerialNumber and DurationSeconds the profile sets.
    /// </summary>
    public static string KeyFor(string roleArn, string? roleSessionName, string? externalId, string? serialNumber, int? durationSeconds)
    {
        var arguments = new SortedDictionary<string, object>(StringComparer.Ordinal) { ["RoleArn"] = roleArn };
        if (roleSessionName is not null)
        {
            arguments["RoleSessionName"] = roleSessionName;
        }

        if (externalId is not null)
        {
            arguments["ExternalId"] = externalId;
        }

        if (serialNumber is not null)
        {
            arguments["SerialNumber"] = serialNumber;
        }

        if (durationSeconds is int seconds)
        {
            arguments["DurationSeconds"] = seconds;
        }

        var json = new StringBuilder("{");
        foreach (var pair in arguments)
        {
            if (json.Length > 1)
            {
                json.Append(", ");
            }

            json.Append(PythonJsonString(pair.Key)).Append(": ");
            json.Append(pair.Value is int number ? number.ToString(CultureInfo.InvariantCulture) : PythonJsonString((string)pair.Value));
        }

        json.Append('}');
        using var sha1 = SHA1.Create();
        var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(json.ToString()));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    /// <summary>The cached session's keys, or null when there is none or it expires within 15 minutes.</summary>
    public (ImmutableCredentials Keys, DateTime ExpirationUtc)? Read(string key, DateTime nowUtc)
    {
        try
        {
            var text = AtomicFile.ReadAllText(PathOf(key));
            if (text is null)
            {
                return null;
            }

            using var document = JsonDocument.Parse(text);
            var credentials = document.RootElement.GetProperty("Credentials");
            var expiration = ParseExpiration(credentials.GetProperty("Expiration").GetString());
            if (expiration is null || expiration.Value - nowUtc < ExpiryWindow)
            {
                return null;
            }

            var keys = new ImmutableCredentials(credentials.GetProperty("AccessKeyId").GetString(),
                credentials.GetProperty("SecretAccessKey").GetString(), credentials.GetProperty("SessionToken").GetString());
            return (keys, expiration.Value);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // An unreadable entry is a miss, as in botocore's JSONFileCache.
            return null;
        }
    }

    /// <summary>Writes the session as the CLI does (owner-only file, replaced atomically).</summary>
    public void Write(string key, ImmutableCredentials keys, DateTime expirationUtc, string? assumedRoleId, string? assumedRoleArn)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: '+' in keys stays '+', as in the files the CLI writes.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Credentials");
            writer.WriteString("AccessKeyId", keys.AccessKey);
            writer.WriteString("SecretAccessKey", keys.SecretKey);
            writer.WriteString("SessionToken", keys.Token);
            writer.WriteString("Expiration", expirationUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            if (assumedRoleArn is not null)
            {
                writer.WriteStartObject("AssumedRoleUser");
                writer.WriteString("AssumedRoleId", assumedRoleId);
                writer.WriteString("Arn", assumedRoleArn);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        AtomicFile.WriteAllText(PathOf(key), Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".json");

    /// <summary>botocore writes "2026-11-27T12:00:00UTC" (strftime %Z); the CLI v2 and we write ISO 8601.</summary>
    private static DateTime? ParseExpiration(string? text)
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

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    /// <summary>A string as Python's json.dumps writes it (ensure_ascii: non-ASCII as \uXXXX).</summary>
    internal static string PythonJsonString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
