using System.Collections.Generic;
using System.Text;

namespace AwsWiki.Gpu.Topology;

/// <summary>
/// Turns what the pipeline gives into documents to parse: a whole text (Get-Content -Raw) is one
/// document; single lines (Get-Content) are collected until a whole text or the end comes. Only
/// blank lines read, and nothing else, is still one (empty) document, so it is said, not silence.
/// </summary>
internal sealed class GpuTopologyTextBuffer
{
    private readonly StringBuilder _lines = new();
    private int _documents;

    /// <summary>The documents complete after this item.</summary>
    public IEnumerable<string> Add(string? item)
    {
        if (item is not null && item.IndexOf('\n') >= 0)
        {
            // A whole document: lines collected before it form their own.
            foreach (var collected in Flush(atEnd: false))
            {
                yield return collected;
            }

            _documents++;
            yield return item;
        }
        else
        {
            _lines.Append(item).Append('\n');
        }
    }

    /// <summary>What is left at the end of the pipeline.</summary>
    public IEnumerable<string> Flush(bool atEnd = true)
    {
        if (_lines.Length == 0)
        {
            yield break;
        }

        var text = _lines.ToString();
        _lines.Clear();
        if (text.Trim().Length > 0 || (atEnd && _documents == 0))
        {
            _documents++;
            yield return text;
        }
    }
}
