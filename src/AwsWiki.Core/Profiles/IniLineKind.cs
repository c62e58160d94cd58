namespace AwsWiki.Profiles;

public enum IniLineKind
{
    Blank,
    Comment,
    Section,
    KeyValue,

    /// <summary>An indented line under a key: the AWS CLI's nested settings (for example s3 = / max_concurrent_requests = 10).</summary>
    Continuation,

    /// <summary>A line that is none of the above. It is kept as it is and reported, never dropped.</summary>
    Unparsed,
}
