namespace AwsWiki.Profiles;

public enum IniLineKind
{
    Blank,
    Comment,
    Section,
    KeyValue,

    /// <summary>An indented line that the AWS CLI adds to the value above it (for example the lines of an s3 = block).</summary>
    Continuation,

    /// <summary>A line the AWS CLI would reject. It is kept as it is and reported, never dropped.</summary>
    Unparsed,
}
