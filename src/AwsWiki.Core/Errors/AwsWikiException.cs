using System;

namespace AwsWiki;

/// <summary>
/// A failure the user can act on: carries a stable ErrorId, a category and the object it is about,
/// so the cmdlet layer can turn it into a specific ErrorRecord without guessing.
/// </summary>
public class AwsWikiException : Exception
{
    public AwsWikiException(string errorId, FailureKind kind, object? target, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    public string ErrorId { get; }

    public FailureKind Kind { get; }

    public object? Target { get; }
}
