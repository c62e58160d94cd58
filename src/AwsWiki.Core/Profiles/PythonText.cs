using System.Collections.Generic;
using System.Text;

namespace AwsWiki.Profiles;

/// <summary>
/// The few Python string rules botocore's INI parsing depends on. Python's notion of white space
/// (str.isspace, str.strip, str.splitlines) is wider than .NET's char.IsWhiteSpace: it includes
/// the information separators U+001C..U+001F, so a line that .NET would call indented text can be
/// blank to the AWS CLI.
/// </summary>
internal static class PythonText
{
    public static bool IsSpace(char c)
    {
        return c switch
        {
            ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
            >= '\u001c' and <= '\u001f' => true,
            '\u0085' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
            >= '\u2000' and <= '\u200a' => true,
            _ => false,
        };
    }

    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
    }

    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return end == text.Length ? text : text.Substring(0, end);
    }

    /// <summary>Index of the first character that is not white space, or -1.</summary>
    public static int FirstNonSpace(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>str.splitlines(): more line boundaries than a file read has (\v, \f, \x1c-\x1e, \x85, U+2028, U+2029).</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\u001c' or '\u001d' or '\u001e' or '\u0085' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                lines.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }
}
