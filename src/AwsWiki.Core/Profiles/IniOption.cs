using System.Collections.Generic;

namespace AwsWiki.Profiles;

/// <summary>A key of a section with the lines it spans (its own line and any continuation lines).</summary>
public sealed class IniOption
{
    internal IniOption(string key, int line, string firstValue)
    {
        Key = key;
        Line = line;
        LastLine = line;
        Parts.Add(firstValue);
    }

    /// <summary>Lower-cased, as configparser stores keys.</summary>
    public string Key { get; }

    /// <summary>0-based index of the key's line.</summary>
    public int Line { get; }

    /// <summary>0-based index of the last continuation line, or <see cref="Line"/>.</summary>
    public int LastLine { get; internal set; }

    internal List<string> Parts { get; } = new();

    /// <summary>The value as configparser returns it: lines joined with \n, trailing white space removed.</summary>
    public string Value => Parts.Count == 1 ? Parts[0] : PythonText.RStrip(string.Join("\n", Parts));

    /// <summary>Only a value of several lines can start with a newline (a nested block).</summary>
    internal bool IsMultiLine => Parts.Count > 1;
}
