using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace AwsWiki.Commands.Internal;

/// <summary>
/// Reads a piped object by property name (or a hashtable by key, case-insensitive either way), for
/// the Measure-*Cost cmdlets: typed output, Import-Csv rows (strings, invariant culture),
/// hashtables and hand-made objects alike.
/// </summary>
internal static class PipelineInput
{
    /// <summary>A property, or a key of a hashtable.</summary>
    public static object? Value(PSObject input, string name)
    {
        if (input.BaseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                }
            }

            return null;
        }

        var value = input.Properties[name]?.Value;
        return value is PSObject inner ? inner.BaseObject : value;
    }

    public static bool Has(PSObject input, string name) =>
        input.BaseObject is IDictionary dictionary
            ? dictionary.Keys.Cast<object>().Any(key => string.Equals(key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
            : input.Properties[name] is not null;

    public static string Text(PSObject input, string name) => Value(input, name)?.ToString() ?? string.Empty;

    /// <summary>Null when missing or empty; InvalidOfferingProperty when it is not a number.</summary>
    public static double? Number(PSObject input, string name)
    {
        var value = Value(input, name);

        return value switch
        {
            null => null,
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Errors.InvalidOfferingProperty.New(name, name, s, "a number"),
            bool => throw Errors.InvalidOfferingProperty.New(name, name, value, "a number"),
            IConvertible convertible => ToDouble(convertible, name),
            _ => throw Errors.InvalidOfferingProperty.New(name, name, value, "a number"),
        };
    }

    private static double ToDouble(IConvertible value, string name)
    {
        try
        {
            return value.ToDouble(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw Errors.InvalidOfferingProperty.Wrap(e, name, name, value, "a number");
        }
    }
}
