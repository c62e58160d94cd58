namespace AwsWiki.Profiles;

/// <summary>
/// One physical line of an INI file: where its bytes are in the file (so an untouched line is
/// written back byte for byte, whatever its encoding), its ending, and how botocore reads it.
/// </summary>
public sealed class IniLine
{
    internal IniLine(int start, int length, string ending, string text, bool isUtf8)
    {
        Start = start;
        Length = length;
        Ending = ending;
        Text = text;
        IsUtf8 = isUtf8;
    }

    /// <summary>Offset of the line's first byte in the file.</summary>
    public int Start { get; }

    /// <summary>Number of bytes, without the ending.</summary>
    public int Length { get; }

    /// <summary>"\r\n", "\n", "\r", or "" for a last line without a newline.</summary>
    public string Ending { get; }

    /// <summary>The line decoded as UTF-8 (invalid bytes as U+FFFD), without its ending. Only for reading: writes copy the bytes.</summary>
    public string Text { get; }

    public bool IsUtf8 { get; }

    public IniLineKind Kind { get; internal set; }

    /// <summary>For a key line, the index in <see cref="Text"/> where the value starts.</summary>
    public int ValueStart { get; internal set; }
}
