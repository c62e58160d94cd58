using System.Globalization;
using System.Text;

namespace AwsWiki;

/// <summary>
/// How messages quote what came from outside (typed input, file content, a service's text): control
/// characters escaped so a message never carries terminal escapes or binary, and cut to a length
/// a person reads, so a 10 MB line never becomes a 10 MB error.
/// </summary>
internal static class UserText
{
    public const int DefaultMaxLength = 200;

    /// <summary>Text the module composed itself (a list of ARNs it created): shown whole in a message.</summary>
    public static ComposedText Composed(string text) => new(text);

    public static string Show(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(System.Math.Min(text!.Length, maxLength) + 16);
        var shown = 0;
        foreach (var c in text)
        {
            if (shown >= maxLength)
            {
                break;
            }

            if (char.IsControl(c) && c != ' ')
            {
                builder.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                builder.Append(c);
            }

            shown++;
        }

        if (text.Length > shown)
        {
            builder.Append("... (").Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)");
        }

        return builder.ToString();
    }
}
