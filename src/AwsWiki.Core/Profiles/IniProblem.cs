namespace AwsWiki.Profiles;

/// <summary>Something in a file that botocore would reject. The line's text is never quoted: it may hold a secret.</summary>
public sealed class IniProblem
{
    internal IniProblem(int lineNumber, string message, bool isEncoding)
    {
        LineNumber = lineNumber;
        Message = message;
        IsEncoding = isEncoding;
    }

    /// <summary>1-based.</summary>
    public int LineNumber { get; }

    public string Message { get; }

    /// <summary>
    /// A byte order mark or bytes that are not UTF-8. botocore on Linux and macOS rejects the file;
    /// on Windows it reads the system code page. AwsWiki reads past these and keeps the bytes as they are.
    /// </summary>
    public bool IsEncoding { get; }
}
