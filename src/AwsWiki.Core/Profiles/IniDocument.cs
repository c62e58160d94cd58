using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AwsWiki.Profiles;

/// <summary>
/// An INI file read the way botocore reads it (Python's configparser.RawConfigParser: strict, '='
/// and ':' delimiters, '#' and ';' full-line comments, indentation-based continuation lines,
/// [DEFAULT] merged into every section), and edited by copying bytes: every line that an edit does
/// not touch is written back exactly as it was, whatever its encoding, line ending or BOM.
/// </summary>
public sealed class IniDocument
{
    public const string DefaultSectionName = "DEFAULT";

    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
    private static readonly char[] Delimiters = { '=', ':' };
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly byte[] _bytes;
    private readonly List<IniLine> _lines = new();
    private readonly List<IniSection> _sections = new();
    private readonly Dictionary<string, IniSection> _byName = new(StringComparer.Ordinal);
    private readonly List<IniProblem> _problems = new();

    private IniDocument(byte[] bytes)
    {
        _bytes = bytes;
    }

    public bool HasBom { get; private set; }

    public IReadOnlyList<IniLine> Lines => _lines;

    /// <summary>Sections in file order, without [DEFAULT].</summary>
    public IReadOnlyList<IniSection> Sections => _sections;

    /// <summary>The [DEFAULT] section, whose keys every other section inherits; null when absent.</summary>
    public IniSection? Defaults { get; private set; }

    /// <summary>Everything botocore would reject, in line order.</summary>
    public IReadOnlyList<IniProblem> Problems => _problems;

    /// <summary>True when botocore would refuse the file for its structure (not only for its encoding).</summary>
    public bool IsRejected => _problems.Any(p => !p.IsEncoding);

    public byte[] Bytes => _bytes;

    public static IniDocument Parse(byte[] bytes)
    {
        var document = new IniDocument(bytes);
        document.SplitLines();
        document.ReadStructure();
        document.CheckNestedValues();
        document._problems.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return document;
    }

    public static IniDocument Parse(string text) => Parse(Utf8.GetBytes(text));

    public IniSection? FindSection(string name) => _byName.TryGetValue(name, out var section) ? section : null;

    /// <summary>
    /// A section's settings as botocore returns them: [DEFAULT]'s keys under the section's own,
    /// values that start with a newline parsed as a nested block (a dictionary).
    /// </summary>
    public Dictionary<string, object> GetValues(IniSection section)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var source in Defaults is null || ReferenceEquals(section, Defaults) ? new[] { section } : new[] { Defaults, section })
        {
            foreach (var option in source.Options)
            {
                var value = option.Value;
                values[option.Key] = value.StartsWith("\n", StringComparison.Ordinal) ? ParseNested(value) ?? (object)value : value;
            }
        }

        return values;
    }

    /// <summary>The newline this file mostly uses, so added lines match their neighbours.</summary>
    public string Newline
    {
        get
        {
            int crlf = 0, lf = 0, cr = 0;
            foreach (var line in _lines)
            {
                switch (line.Ending)
                {
                    case "\r\n": crlf++; break;
                    case "\n": lf++; break;
                    case "\r": cr++; break;
                }
            }

            return crlf > lf && crlf >= cr ? "\r\n" : cr > lf && cr > crlf ? "\r" : "\n";
        }
    }

    /// <summary>Replaces an option's value (and drops its continuation lines), keeping the key and spacing as written.</summary>
    public byte[] ReplaceValue(IniOption option, string value)
    {
        var line = _lines[option.Line];
        byte[] prefix;
        if (line.IsUtf8)
        {
            prefix = new byte[Utf8.GetByteCount(line.Text.Substring(0, line.ValueStart))];
            Array.Copy(_bytes, line.Start, prefix, 0, prefix.Length);
        }
        else
        {
            prefix = Utf8.GetBytes(option.Key + " = ");
        }

        var replacement = Concat(prefix, Utf8.GetBytes(value));
        return Rewrite(i => i == option.Line ? replacement : null, dropped: i => i > option.Line && i <= option.LastLine && _lines[i].Kind == IniLineKind.Continuation, insertAfter: -1, inserted: null);
    }

    /// <summary>Adds a line after the given line (0-based), with the file's newline.</summary>
    public byte[] InsertLine(int afterLine, string text)
    {
        return Rewrite(_ => null, dropped: _ => false, insertAfter: afterLine, inserted: text);
    }

    /// <summary>Removes lines first..last (0-based, inclusive).</summary>
    public byte[] RemoveLines(IReadOnlyCollection<(int First, int Last)> ranges)
    {
        return Rewrite(_ => null, dropped: i => ranges.Any(r => i >= r.First && i <= r.Last), insertAfter: -1, inserted: null);
    }

    /// <summary>Appends a new section after a blank line, ending with a newline as the AWS CLI writes it.</summary>
    public byte[] AppendSection(string header, IEnumerable<string> lines)
    {
        // The last line's own ending where it has one: a lone CR followed by an LF would read as one line break.
        var newline = _lines.Count > 0 && _lines[_lines.Count - 1].Ending.Length > 0 ? _lines[_lines.Count - 1].Ending : Newline;
        using var output = new MemoryStream(_bytes.Length + 256);
        output.Write(_bytes, 0, _bytes.Length);
        if (_lines.Count > 0)
        {
            var last = _lines[_lines.Count - 1];
            var lastIsBlank = PythonText.Strip(last.Text).Length == 0;
            if (last.Ending.Length == 0)
            {
                WriteText(output, newline);
            }

            if (!lastIsBlank)
            {
                // A blank line between sections, as the AWS CLI's own files have.
                WriteText(output, newline);
            }
        }

        WriteText(output, "[" + header + "]" + newline);
        foreach (var line in lines)
        {
            WriteText(output, line + newline);
        }

        return output.ToArray();
    }

    /// <summary>The text of a nested block (s3 = / key = value lines), or null where botocore fails on it.</summary>
    public static Dictionary<string, string>? ParseNested(string value)
    {
        var nested = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in PythonText.SplitLines(value))
        {
            var line = PythonText.Strip(raw);
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals < 0)
            {
                return null;
            }

            nested[PythonText.Strip(line.Substring(0, equals))] = PythonText.Strip(line.Substring(equals + 1));
        }

        return nested;
    }

    private void SplitLines()
    {
        var position = 0;
        if (_bytes.Length >= 3 && _bytes[0] == Bom[0] && _bytes[1] == Bom[1] && _bytes[2] == Bom[2])
        {
            HasBom = true;
            position = 3;
            _problems.Add(new IniProblem(1, "the file starts with a UTF-8 byte order mark, which the AWS CLI cannot read past; AwsWiki reads past it and keeps it.", isEncoding: true));
        }

        var reportedEncoding = false;
        while (position < _bytes.Length)
        {
            var end = position;
            while (end < _bytes.Length && _bytes[end] != (byte)'\n' && _bytes[end] != (byte)'\r')
            {
                end++;
            }

            var ending = end >= _bytes.Length ? string.Empty
                : _bytes[end] == (byte)'\r' && end + 1 < _bytes.Length && _bytes[end + 1] == (byte)'\n' ? "\r\n"
                : _bytes[end] == (byte)'\r' ? "\r" : "\n";
            var isUtf8 = IsValidUtf8(_bytes, position, end - position);
            if (!isUtf8 && !reportedEncoding)
            {
                // One report is enough: botocore stops at the first such byte.
                reportedEncoding = true;
                _problems.Add(new IniProblem(_lines.Count + 1, "bytes that are not UTF-8, which the AWS CLI on Linux and macOS cannot read; AwsWiki keeps them as they are.", isEncoding: true));
            }

            _lines.Add(new IniLine(position, end - position, ending, Utf8.GetString(_bytes, position, end - position), isUtf8));
            position = end + ending.Length;
        }
    }

    /// <summary>configparser's _read, line by line.</summary>
    private void ReadStructure()
    {
        IniSection? current = null;
        IniOption? option = null;
        var indentLevel = 0;
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            var text = line.Text;
            var stripped = PythonText.Strip(text);
            var isComment = stripped.Length > 0 && (stripped[0] == '#' || stripped[0] == ';');
            if (stripped.Length == 0 || isComment)
            {
                line.Kind = isComment ? IniLineKind.Comment : IniLineKind.Blank;
                if (!isComment && current is not null && option is not null && option.Key.Length > 0)
                {
                    // Blank lines belong to the value above (trailing ones are trimmed at the end).
                    option.Parts.Add(string.Empty);
                }

                continue;
            }

            var indent = PythonText.FirstNonSpace(text);
            if (current is not null && option is not null && option.Key.Length > 0 && indent > indentLevel)
            {
                line.Kind = IniLineKind.Continuation;
                option.Parts.Add(stripped);
                option.LastLine = i;
                current.LastContentLine = i;
                continue;
            }

            indentLevel = indent;
            var close = stripped.LastIndexOf(']');
            if (stripped[0] == '[' && close >= 2)
            {
                line.Kind = IniLineKind.Section;
                var name = stripped.Substring(1, close - 1);
                option = null;
                if (_byName.TryGetValue(name, out var existing))
                {
                    _problems.Add(new IniProblem(i + 1, $"section [{name}] appears a second time; the AWS CLI refuses the file.", isEncoding: false));
                    current = existing;
                }
                else if (name == DefaultSectionName)
                {
                    current = Defaults ??= new IniSection(name, i) { LastContentLine = i };
                }
                else
                {
                    current = new IniSection(name, i) { LastContentLine = i };
                    _sections.Add(current);
                    _byName.Add(name, current);
                }

                if (current.LastContentLine < i)
                {
                    current.LastContentLine = i;
                }

                continue;
            }

            if (current is null)
            {
                line.Kind = IniLineKind.Unparsed;
                _problems.Add(new IniProblem(i + 1, "a setting before the first [section] header; the AWS CLI refuses the file.", isEncoding: false));
                continue;
            }

            var delimiter = stripped.IndexOfAny(Delimiters);
            if (delimiter < 0)
            {
                line.Kind = IniLineKind.Unparsed;
                _problems.Add(new IniProblem(i + 1, "the line is not a section, setting or comment; the AWS CLI refuses the file.", isEncoding: false));
                continue;
            }

            if (delimiter == 0)
            {
                _problems.Add(new IniProblem(i + 1, "a setting without a name; the AWS CLI refuses the file.", isEncoding: false));
            }

            var key = PythonText.RStrip(stripped.Substring(0, delimiter)).ToLowerInvariant();
            var value = PythonText.Strip(stripped.Substring(delimiter + 1));
            var valueStart = indent + delimiter + 1;
            while (valueStart < text.Length && PythonText.IsSpace(text[valueStart]) && valueStart < indent + stripped.Length)
            {
                valueStart++;
            }

            line.Kind = IniLineKind.KeyValue;
            line.ValueStart = valueStart;
            option = new IniOption(key, i, value);
            if (current.ByKey.TryGetValue(key, out var previous))
            {
                _problems.Add(new IniProblem(i + 1, $"the key '{key}' appears a second time in [{current.Name}]; the AWS CLI refuses the file.", isEncoding: false));
                current.Options.Remove(previous);
            }

            current.ByKey[key] = option;
            current.Options.Add(option);
            current.LastContentLine = i;
        }
    }

    /// <summary>botocore parses every value that starts with a newline as a nested block and fails on a line without '='.</summary>
    private void CheckNestedValues()
    {
        if (_sections.Count == 0)
        {
            return;
        }

        foreach (var section in Defaults is null ? _sections : _sections.Prepend(Defaults))
        {
            foreach (var option in section.Options)
            {
                if (!option.IsMultiLine)
                {
                    continue;
                }

                var value = option.Value;
                if (value.StartsWith("\n", StringComparison.Ordinal) && ParseNested(value) is null)
                {
                    _problems.Add(new IniProblem(option.Line + 1, $"the nested block of '{option.Key}' has a line without '='; the AWS CLI refuses the file.", isEncoding: false));
                }
            }
        }
    }

    /// <summary>Copies the file line by line: a line is kept, replaced, or dropped; one new line may follow a given line.</summary>
    private byte[] Rewrite(Func<int, byte[]?> replace, Func<int, bool> dropped, int insertAfter, string? inserted)
    {
        // An added line ends like the line it follows (the file's usual newline after a last line without one).
        var newline = insertAfter >= 0 && _lines[insertAfter].Ending.Length > 0 ? _lines[insertAfter].Ending : Newline;
        using var output = new MemoryStream(_bytes.Length + 256);
        if (HasBom)
        {
            output.Write(Bom, 0, Bom.Length);
        }

        var lastEnding = string.Empty;
        var wroteAny = false;
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (!dropped(i))
            {
                var replacement = replace(i);
                if (replacement is null)
                {
                    output.Write(_bytes, line.Start, line.Length);
                }
                else
                {
                    output.Write(replacement, 0, replacement.Length);
                }

                var ending = line.Ending;
                if (ending.Length == 0 && i == insertAfter)
                {
                    ending = newline;
                }
                else if (ending.Length == 0 && i < _lines.Count - 1)
                {
                    ending = newline;
                }

                WriteText(output, ending);
                lastEnding = ending;
                wroteAny = true;
            }

            if (i == insertAfter && inserted is not null)
            {
                var originalFinal = _lines[_lines.Count - 1].Ending;
                var ending = i == _lines.Count - 1 && originalFinal.Length == 0 ? string.Empty : newline;
                WriteText(output, inserted + ending);
                lastEnding = ending;
                wroteAny = true;
            }
        }

        var result = output.ToArray();
        // Keep the file's final-newline state when its last line was dropped.
        if (wroteAny && _lines.Count > 0 && _lines[_lines.Count - 1].Ending.Length == 0 && lastEnding.Length > 0 && dropped(_lines.Count - 1))
        {
            Array.Resize(ref result, result.Length - Utf8.GetByteCount(lastEnding));
        }

        return result;
    }

    private static void WriteText(Stream stream, string text)
    {
        var bytes = Utf8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var result = new byte[a.Length + b.Length];
        Array.Copy(a, result, a.Length);
        Array.Copy(b, 0, result, a.Length, b.Length);
        return result;
    }

    /// <summary>Strict UTF-8 as Python decodes it: no overlong forms, no surrogates, nothing above U+10FFFF.</summary>
    private static bool IsValidUtf8(byte[] bytes, int start, int count)
    {
        var i = start;
        var end = start + count;
        while (i < end)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF)
            {
                need = 1;
                min = 0x80;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                need = 2;
                min = 0x800;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                need = 3;
                min = 0x10000;
            }
            else
            {
                return false;
            }

            if (i + need >= end)
            {
                return false;
            }

            var code = b & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
            for (var k = 1; k <= need; k++)
            {
                var next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return false;
                }

                code = (code << 6) | (next & 0x3F);
            }

            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                return false;
            }

            i += need + 1;
        }

        return true;
    }
}
