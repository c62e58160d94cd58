using System.Collections.Generic;
using System.Text;

namespace AwsWiki.Profiles;

/// <summary>
/// Python's shlex.split (POSIX mode, no comments) and shlex.quote, which botocore and the AWS CLI
/// use for the names in [profile NAME] and [sso-session NAME] headers.
/// </summary>
internal static class ShellWords
{
    private const string Whitespace = " \t\r\n";

    /// <summary>The words, or null where shlex.split raises (an unclosed quote, a trailing backslash).</summary>
    public static List<string>? Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (Whitespace.IndexOf(c) >= 0)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                i++;
            }
            else if (c == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    return null;
                }

                word.Append(text, i + 1, close - i - 1);
                inWord = true;
                i = close + 1;
            }
            else if (c == '"')
            {
                i++;
                inWord = true;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }

                    if (text[i] == '"')
                    {
                        i++;
                        break;
                    }

                    if (text[i] == '\\')
                    {
                        if (i + 1 >= text.Length)
                        {
                            return null;
                        }

                        // Inside double quotes a backslash escapes only a quote or a backslash.
                        if (text[i + 1] != '"' && text[i + 1] != '\\')
                        {
                            word.Append('\\');
                        }

                        word.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    word.Append(text[i]);
                    i++;
                }
            }
            else if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    return null;
                }

                word.Append(text[i + 1]);
                inWord = true;
                i += 2;
            }
            else
            {
                word.Append(c);
                inWord = true;
                i++;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>shlex.quote: single quotes around anything but plain word characters.</summary>
    public static string Quote(string word)
    {
        if (word.Length == 0)
        {
            return "''";
        }

        foreach (var c in word)
        {
            var safe = c < 128 && (char.IsLetterOrDigit(c) || "@%+=:,./-_".IndexOf(c) >= 0);
            if (!safe)
            {
                return "'" + word.Replace("'", "'\"'\"'") + "'";
            }
        }

        return word;
    }
}
