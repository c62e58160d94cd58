namespace AwsWiki.Profiles;

/// <summary>One physical line of an INI file, kept with its exact text and line ending.</summary>
public sealed class IniLine
{
    public IniLine(string text, string ending, IniLineKind kind, string? name, int valueStart)
    {
        Text = text;
        Ending = ending;
        Kind = kind;
        Name = name;
        ValueStart = valueStart;
    }

    /// <summary>The line without its ending, exactly as read.</summary>
    public string Text { get; }

    /// <summary>"\r\n", "\n", "\r", or "" for a last line without a newline.</summary>
    public string Ending { get; set; }

    public IniLineKind Kind { get; }

    /// <summary>The section name (for a header) or the key (for a key line).</summary>
    public string? Name { get; }

    /// <summary>For a key line, the index in <see cref="Text"/> where the value starts.</summary>
    public int ValueStart { get; }

    public string Value => Kind == IniLineKind.KeyValue ? Text.Substring(ValueStart).Trim() : string.Empty;
}
