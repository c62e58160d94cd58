using System.Collections.Generic;

namespace AwsWiki.Profiles;

/// <summary>A [section] of an INI file and its keys in file order.</summary>
public sealed class IniSection
{
    internal IniSection(string name, int headerLine)
    {
        Name = name;
        HeaderLine = headerLine;
    }

    /// <summary>The header's text between the first '[' and the last ']', as configparser takes it (not trimmed).</summary>
    public string Name { get; }

    /// <summary>0-based index of the header line (of the first header, for [DEFAULT] given twice).</summary>
    public int HeaderLine { get; }

    public List<IniOption> Options { get; } = new();

    internal Dictionary<string, IniOption> ByKey { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Last line that belongs to the section's content: its last key or continuation, else its header.</summary>
    public int LastContentLine { get; internal set; }
}
