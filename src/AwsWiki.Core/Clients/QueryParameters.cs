using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AwsWiki.Clients;

/// <summary>
/// The form body of an AWS Query protocol request: Action, Version and the flattened parameters
/// (lists as <c>Name.member.N</c>, structures as <c>Name.Field</c>), encoded as the SigV4 spec
/// requires (RFC 3986 unreserved characters kept, everything else percent-encoded).
/// </summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _values = new();

    public QueryParameters(string action, string version)
    {
        Add("Action", action);
        Add("Version", version);
    }

    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _values.Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    public QueryParameters Add(string name, int? value) => Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds <c>name.member.1</c>, <c>name.member.2</c>, ...; nothing for an empty list.</summary>
    public QueryParameters AddList(string name, IEnumerable<string>? values)
    {
        var index = 1;
        foreach (var value in values ?? Enumerable.Empty<string>())
        {
            Add($"{name}.member.{index++}", value);
        }

        return this;
    }

    /// <summary>Adds a list of key/value structures as <c>name.member.N.Key</c> / <c>.Value</c>.</summary>
    public QueryParameters AddTags(string name, IEnumerable<KeyValuePair<string, string>>? tags)
    {
        var index = 1;
        foreach (var tag in tags ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            Add($"{name}.member.{index}.Key", tag.Key);
            Add($"{name}.member.{index}.Value", tag.Value);
            index++;
        }

        return this;
    }

    public string Encode()
    {
        var builder = new StringBuilder();
        foreach (var pair in _values)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Escape(pair.Key)).Append('=').Append(Escape(pair.Value));
        }

        return builder.ToString();
    }

    public static string Escape(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
