namespace AwsWiki.Aws;

/// <summary>What one piece of fan-out work gave: its value, or the error that ended it (never both).</summary>
internal sealed class FanOutResult<T>
{
    internal FanOutResult(FanOutScope scope, T? value, AwsWikiException? error)
    {
        Scope = scope;
        Value = value;
        Error = error;
    }

    public FanOutScope Scope { get; }

    public T? Value { get; }

    public AwsWikiException? Error { get; }
}
