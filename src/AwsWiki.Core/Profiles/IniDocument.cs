using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AwsWiki.Profiles;

/// <summary>
/// An INI file as the AWS CLI reads it, edited in place. Every line that is not changed is written
/// back byte for byte: comments, blank lines, key order, unknown sections, CRLF endings and a
/// missing final newline all survive a round trip.
/// </summary>
public sealed class IniDocument
{
    private readonly List<IniLine> _lines;

    private IniDocument(List<IniLine> lines)
    {
        _lines = lines;
    }

    public IReadOnlyList<IniLine> Lines => _lines;

    public static IniDocument Parse(string text)
    {
        var lines = new List<IniLine>();
        var inSection = false;
        var afterKey = false;
        var position = 0;
        while (position < text.Length)
        {
            var end = position;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r')
            {
                end++;
            }

            var ending = end >= text.Length ? string.Empty
                : text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? "\r\n"
                : text[end].ToString();
            var line = ClassifyLine(text.Substring(position, end - position), ending, inSection, afterKey);
            lines.Add(line);
            if (line.Kind == IniLineKind.Section)
            {
                inSection = true;
                afterKey = false;
            }
            else if (line.Kind == IniLineKind.KeyValue)
            {
                afterKey = true;
            }
            else if (line.Kind is IniLineKind.Blank or IniLineKind.Unparsed)
            {
                afterKey = false;
            }

            position = end + ending.Length;
        }

        return new IniDocument(lines);
    }

    private static IniLine ClassifyLine(string text, string ending, bool inSection, bool afterKey)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new IniLine(text, ending, IniLineKind.Blank, null, 0);
        }

        if (trimmed[0] == '#' || trimmed[0] == ';')
        {
            return new IniLine(text, ending, IniLineKind.Comment, null, 0);
        }

        if (trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']' && trimmed.Length > 2)
        {
            var name = string.Join(" ", trimmed.Substring(1, trimmed.Length - 2).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return new IniLine(text, ending, IniLineKind.Section, name, 0);
        }

        if (char.IsWhiteSpace(text[0]) && afterKey)
        {
            return new IniLine(text, ending, IniLineKind.Continuation, null, 0);
        }

        // configparser, which the AWS CLI uses, accepts '=' and ':' as delimiters; the first one wins.
        var delimiter = text.IndexOfAny(new[] { '=', ':' });
        if (inSection && delimiter > 0 && text.Substring(0, delimiter).Trim().Length > 0)
        {
            var key = text.Substring(0, delimiter).Trim();
            var valueStart = delimiter + 1;
            while (valueStart < text.Length && (text[valueStart] == ' ' || text[valueStart] == '\t'))
            {
                valueStart++;
            }

            return new IniLine(text, ending, IniLineKind.KeyValue, key, valueStart);
        }

        return new IniLine(text, ending, IniLineKind.Unparsed, null, 0);
    }

    /// <summary>The newline this file mostly uses, so added lines match their neighbours.</summary>
    public string Newline
    {
        get
        {
            var crlf = _lines.Count(l => l.Ending == "\r\n");
            var lf = _lines.Count(l => l.Ending == "\n");
            return crlf > lf ? "\r\n" : "\n";
        }
    }

    public IEnumerable<string> SectionNames =>
        _lines.Where(l => l.Kind == IniLineKind.Section).Select(l => l.Name!).Distinct(StringComparer.Ordinal);

    /// <summary>1-based line numbers of lines that could not be parsed.</summary>
    public IEnumerable<int> UnparsedLineNumbers =>
        _lines.Select((line, index) => (line, index)).Where(x => x.line.Kind == IniLineKind.Unparsed).Select(x => x.index + 1);

    public bool HasSection(string section) => FindSection(section) >= 0;

    /// <summary>Keys of a section in file order, last value winning for duplicates.</summary>
    public IReadOnlyDictionary<string, string> GetSection(string section)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var start = FindSection(section);
        if (start < 0)
        {
            return result;
        }

        for (var i = start + 1; i < _lines.Count && _lines[i].Kind != IniLineKind.Section; i++)
        {
            if (_lines[i].Kind == IniLineKind.KeyValue)
            {
                result[_lines[i].Name!] = _lines[i].Value;
            }
        }

        return result;
    }

    public string? GetValue(string section, string key)
    {
        return GetSection(section).TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Sets a key, replacing only its value in place, or adding it after the section's last setting.</summary>
    public void SetValue(string section, string key, string value)
    {
        var start = FindSection(section);
        if (start < 0)
        {
            AddSection(section);
            start = FindSection(section);
        }

        var keyIndex = FindKey(start, key);
        if (keyIndex >= 0)
        {
            var old = _lines[keyIndex];
            // Keep the key and its spacing as the user wrote them; only the value changes.
            var prefix = old.Text.Substring(0, old.ValueStart);
            _lines[keyIndex] = new IniLine(prefix + value, old.Ending, IniLineKind.KeyValue, old.Name, prefix.Length);
            RemoveContinuations(keyIndex);
            return;
        }

        var insertAt = LastContentLine(start) + 1;
        var text = key + " = " + value;
        var newline = Newline;
        if (insertAt == _lines.Count)
        {
            // Appending at the very end keeps the file's final-newline state.
            var last = _lines[_lines.Count - 1];
            var ending = last.Ending;
            last.Ending = newline;
            _lines.Add(new IniLine(text, ending, IniLineKind.KeyValue, key, key.Length + 3));
        }
        else
        {
            _lines.Insert(insertAt, new IniLine(text, newline, IniLineKind.KeyValue, key, key.Length + 3));
        }
    }

    /// <summary>Removes a key (and its nested lines). Returns whether it was there.</summary>
    public bool RemoveValue(string section, string key)
    {
        var start = FindSection(section);
        if (start < 0)
        {
            return false;
        }

        var keyIndex = FindKey(start, key);
        if (keyIndex < 0)
        {
            return false;
        }

        RemoveContinuations(keyIndex);
        RemoveRange(keyIndex, 1);
        return true;
    }

    public void AddSection(string section)
    {
        var newline = Newline;
        var finalEnding = _lines.Count == 0 ? newline : _lines[_lines.Count - 1].Ending;
        if (_lines.Count > 0)
        {
            var last = _lines[_lines.Count - 1];
            last.Ending = newline;
            if (last.Kind != IniLineKind.Blank)
            {
                _lines.Add(new IniLine(string.Empty, newline, IniLineKind.Blank, null, 0));
            }
        }

        _lines.Add(new IniLine("[" + section + "]", finalEnding.Length == 0 ? string.Empty : newline, IniLineKind.Section, section, 0));
    }

    /// <summary>
    /// Removes a section with its settings, and the blank line that separated it from what came
    /// before. Comments just above the next section stay with that section.
    /// </summary>
    public bool RemoveSection(string section)
    {
        var removed = false;
        int start;
        while ((start = FindSection(section)) >= 0)
        {
            var end = LastContentLine(start);
            var first = start > 0 && _lines[start - 1].Kind == IniLineKind.Blank ? start - 1 : start;
            RemoveRange(first, end - first + 1);
            removed = true;
        }

        return removed;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var line in _lines)
        {
            builder.Append(line.Text).Append(line.Ending);
        }

        return builder.ToString();
    }

    private void RemoveRange(int index, int count)
    {
        var removesLast = index + count == _lines.Count;
        var lastEnding = _lines[_lines.Count - 1].Ending;
        _lines.RemoveRange(index, count);
        if (removesLast && _lines.Count > 0)
        {
            _lines[_lines.Count - 1].Ending = lastEnding;
        }
    }

    private int FindSection(string section)
    {
        return _lines.FindIndex(l => l.Kind == IniLineKind.Section && string.Equals(l.Name, section, StringComparison.Ordinal));
    }

    private int FindKey(int sectionStart, string key)
    {
        for (var i = sectionStart + 1; i < _lines.Count && _lines[i].Kind != IniLineKind.Section; i++)
        {
            if (_lines[i].Kind == IniLineKind.KeyValue && string.Equals(_lines[i].Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private int LastContentLine(int sectionStart)
    {
        var last = sectionStart;
        for (var i = sectionStart + 1; i < _lines.Count && _lines[i].Kind != IniLineKind.Section; i++)
        {
            if (_lines[i].Kind is IniLineKind.KeyValue or IniLineKind.Continuation or IniLineKind.Unparsed)
            {
                last = i;
            }
        }

        return last;
    }

    private void RemoveContinuations(int keyIndex)
    {
        var count = 0;
        while (keyIndex + 1 + count < _lines.Count && _lines[keyIndex + 1 + count].Kind == IniLineKind.Continuation)
        {
            count++;
        }

        if (count > 0)
        {
            RemoveRange(keyIndex + 1, count);
        }
    }
}
