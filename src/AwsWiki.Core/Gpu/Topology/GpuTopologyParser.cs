using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu.Topology;

/// <summary>
/// Reads `nvidia-smi topo -m` as printed by drivers old and new: cells separated by tabs or spaces,
/// X on the diagonal, NIC columns named mlx5_* or NIC0..n (renamed by a "NIC Legend" block),
/// CPU Affinity / NUMA Affinity / GPU NUMA ID columns present or absent, N/A values, the old SOC
/// legend, and the legend text after the matrix. `nvidia-smi nvlink -s` output may follow.
/// Anything else is an error that quotes the line: the parser never guesses.
/// </summary>
internal static class GpuTopologyParser
{
    public static readonly string ErrorId = Errors.GpuTopologyUnparseable.Id;

    private static readonly Regex GpuName = new(@"^GPU(\d+)$", RegexOptions.CultureInvariant);
    private static readonly Regex NvCell = new(@"^NV([1-9][0-9]?)$", RegexOptions.CultureInvariant);
    private static readonly Regex NvLinkGpuLine = new(@"^GPU (\d+):", RegexOptions.CultureInvariant);
    private static readonly Regex NvLinkLinkLine = new(@"^\s*Link (\d+):\s*(.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex NicLegendLine = new(@"^\s*(NIC\d+):\s*(\S+)\s*$", RegexOptions.CultureInvariant);
    private static readonly string[] PcieCells = { "PIX", "PXB", "PHB", "NODE", "SYS", "SOC" };

    /// <summary>Parses the text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="AwsWikiException">ErrorId GpuTopologyUnparseable, with the offending line quoted.</exception>
    public static ParsedGpuTopology Parse(string text, string source)
    {
        var lines = (text ?? string.Empty).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var headerIndex = FindHeader(lines);
        if (headerIndex < 0)
        {
            var first = lines.FirstOrDefault(line => line.Trim().Length > 0);
            throw Fail(source, first is null
                ? "The text is empty: no `nvidia-smi topo -m` matrix."
                : $"No `nvidia-smi topo -m` matrix: no header line starting with GPU0. First line: '{Quote(first)}'.");
        }

        var (gpuCount, nicColumns, infoColumns) = ReadHeader(lines[headerIndex], source);
        var deviceCount = gpuCount + nicColumns.Count;
        var parsed = new List<string[]>();
        var index = headerIndex + 1;

        // GPU rows: all of them, in order, each complete.
        for (var gpu = 0; gpu < gpuCount; gpu++, index++)
        {
            if (index >= lines.Length || lines[index].Trim().Length == 0)
            {
                var last = Quote(lines[index - 1]);
                throw Fail(source, $"Truncated matrix: the header lists {gpuCount} GPUs but the rows stop after '{last}' (GPU{gpu} is missing).");
            }

            var cells = SplitCells(lines[index]);
            if (cells[0] != "GPU" + gpu.ToString(CultureInfo.InvariantCulture))
            {
                throw Fail(source, $"Expected the row of GPU{gpu}, found: '{Quote(lines[index])}'.");
            }

            if (cells.Count != 1 + deviceCount + infoColumns.Count)
            {
                throw Fail(source, $"The row of GPU{gpu} has {cells.Count - 1} cells, the header {deviceCount + infoColumns.Count} columns (truncated or not a topo matrix): '{Quote(lines[index])}'.");
            }

            parsed.Add(cells.Skip(1).ToArray());
        }

        // NIC rows: optional (the GPU rows already carry every GPU-NIC distance), but whole when present.
        for (var nic = 0; nic < nicColumns.Count && index < lines.Length && lines[index].Trim().Length > 0; nic++, index++)
        {
            var cells = SplitCells(lines[index]);
            if (cells[0] != nicColumns[nic])
            {
                break;
            }

            if (cells.Count != 1 + deviceCount)
            {
                throw Fail(source, $"The row of {nicColumns[nic]} has {cells.Count - 1} cells, the header {deviceCount} devices (truncated?): '{Quote(lines[index])}'.");
            }

            for (var column = 0; column < deviceCount; column++)
            {
                CheckCell(cells[column + 1], column == gpuCount + nic, lines[index], source);
            }
        }

        if (index < lines.Length && lines[index].Trim().Length > 0 && !lines[index].TrimStart().StartsWith("Legend", StringComparison.Ordinal))
        {
            throw Fail(source, $"Unexpected line after the matrix (a row the header does not list?): '{Quote(lines[index])}'.");
        }

        var rest = lines.Skip(index).ToList();
        var second = FindHeader(rest.ToArray());
        if (second >= 0)
        {
            // Several outputs joined into one text (Get-Content of several files, line by line): never pick one silently.
            throw Fail(source, $"A second topo matrix starts at '{Quote(rest[second])}': give each machine's output as its own text (Get-Content -Raw) or file.");
        }

        var nicNames = ApplyNicLegend(nicColumns, rest);
        var topology = new ParsedGpuTopology(gpuCount, nicNames);
        for (var gpu = 0; gpu < gpuCount; gpu++)
        {
            var row = parsed[gpu];
            var line = lines[headerIndex + 1 + gpu].Trim();
            for (var column = 0; column < deviceCount; column++)
            {
                CheckCell(row[column], column == gpu, line, source);
                if (column < gpuCount)
                {
                    topology.GpuCells[gpu, column] = row[column];
                }
                else
                {
                    topology.NicCells[gpu, column - gpuCount] = row[column];
                }
            }

            for (var info = 0; info < infoColumns.Count; info++)
            {
                var value = row[deviceCount + info];
                value = value == "N/A" ? null : value;
                switch (infoColumns[info])
                {
                    case "CPU Affinity":
                        topology.CpuAffinity[gpu] = value;
                        break;
                    case "NUMA Affinity":
                        topology.NumaAffinity[gpu] = value;
                        break;
                    case "GPU NUMA ID":
                        topology.GpuNumaId[gpu] = value;
                        break;
                }
            }
        }

        for (var a = 0; a < gpuCount; a++)
        {
            for (var b = a + 1; b < gpuCount; b++)
            {
                if (Normalize(topology.GpuCells[a, b]) != Normalize(topology.GpuCells[b, a]))
                {
                    throw Fail(source, $"The matrix is not symmetric: GPU{a}-GPU{b} is {topology.GpuCells[a, b]} but GPU{b}-GPU{a} is {topology.GpuCells[b, a]} (line '{Quote(lines[headerIndex + 1 + b])}').");
                }
            }
        }

        topology.NvLinks = ParseNvLinkStatus(rest, source);
        return topology;
    }

    /// <summary>The link type and NVLink count a cell stands for.</summary>
    public static (GpuLinkType Link, int NvLinks) Classify(string cell)
    {
        var nv = NvCell.Match(cell);
        if (nv.Success)
        {
            return (GpuLinkType.NVLink, int.Parse(nv.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return cell == "SOC" ? (GpuLinkType.SYS, 0) : ((GpuLinkType)Enum.Parse(typeof(GpuLinkType), cell), 0);
    }

    private static string Normalize(string cell) => cell == "SOC" ? "SYS" : cell;

    private static int FindHeader(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var cells = SplitCells(lines[i]);
            if (cells.Count > 0 && cells[0] == "GPU0" && (cells.Count == 1 || (cells[1] != "X" && !IsLinkCell(cells[1]))))
            {
                return i;
            }
        }

        return -1;
    }

    private static (int GpuCount, List<string> Nics, List<string> Info) ReadHeader(string header, string source)
    {
        var tokens = SplitCells(header);
        var columns = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "CPU" && Next(i) == "Affinity")
            {
                columns.Add("CPU Affinity");
                i++;
            }
            else if (tokens[i] == "NUMA" && Next(i) == "Affinity")
            {
                columns.Add("NUMA Affinity");
                i++;
            }
            else if (tokens[i] == "GPU" && Next(i) == "NUMA" && i + 2 < tokens.Count && tokens[i + 2] == "ID")
            {
                columns.Add("GPU NUMA ID");
                i += 2;
            }
            else if (tokens[i] == "NUMA")
            {
                columns.Add("NUMA Affinity"); // Some copies shorten the column to "NUMA".
            }
            else
            {
                columns.Add(tokens[i]);
            }
        }

        var gpuCount = 0;
        var nics = new List<string>();
        var info = new List<string>();
        foreach (var column in columns)
        {
            var gpu = GpuName.Match(column);
            if (column is "CPU Affinity" or "NUMA Affinity" or "GPU NUMA ID")
            {
                info.Add(column);
            }
            else if (info.Count > 0)
            {
                throw Fail(source, $"Header column '{column}' after the affinity columns: '{Quote(header)}'.");
            }
            else if (gpu.Success)
            {
                if (nics.Count > 0 || gpu.Groups[1].Value != gpuCount.ToString(CultureInfo.InvariantCulture))
                {
                    throw Fail(source, $"GPU columns out of order at '{column}': '{Quote(header)}'.");
                }

                gpuCount++;
            }
            else
            {
                nics.Add(column);
            }
        }

        return (gpuCount, nics, info);

        string? Next(int i) => i + 1 < tokens.Count ? tokens[i + 1] : null;
    }

    private static void CheckCell(string cell, bool diagonal, string line, string source)
    {
        if (diagonal ? cell != "X" : !IsLinkCell(cell))
        {
            throw Fail(source, diagonal
                ? $"Expected X (self) on the diagonal, found '{cell}': '{Quote(line)}'."
                : $"Unknown connection '{cell}' (not NV#, PIX, PXB, PHB, NODE, SYS or SOC): '{Quote(line)}'.");
        }
    }

    private static bool IsLinkCell(string cell) => NvCell.IsMatch(cell) || Array.IndexOf(PcieCells, cell) >= 0;

    private static List<string> SplitCells(string line) =>
        line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries).ToList();

    private static List<string> ApplyNicLegend(List<string> nicColumns, List<string> rest)
    {
        var legend = new Dictionary<string, string>(StringComparer.Ordinal);
        var inLegend = false;
        foreach (var line in rest)
        {
            if (line.Trim() == "NIC Legend:")
            {
                inLegend = true;
                continue;
            }

            if (!inLegend)
            {
                continue;
            }

            var match = NicLegendLine.Match(line);
            if (match.Success)
            {
                legend[match.Groups[1].Value] = match.Groups[2].Value;
            }
            else if (line.Trim().Length > 0)
            {
                break;
            }
        }

        return nicColumns.Select(name => legend.TryGetValue(name, out var real) ? real : name).ToList();
    }

    /// <summary>`nvidia-smi nvlink -s`: "GPU n: name (UUID: ...)" then "Link k: 25.781 GB/s" or "Link k: &lt;inactive&gt;".</summary>
    private static IReadOnlyDictionary<int, NvLinkStatus>? ParseNvLinkStatus(List<string> lines, string source)
    {
        Dictionary<int, NvLinkStatus>? result = null;
        NvLinkStatus? current = null;
        foreach (var line in lines)
        {
            var gpu = NvLinkGpuLine.Match(line);
            if (gpu.Success)
            {
                result ??= new Dictionary<int, NvLinkStatus>();
                current = new NvLinkStatus();
                // A GPU number past any machine's is a damaged line, not an OverflowException.
                if (gpu.Groups[1].Value.Length > 4 || !int.TryParse(gpu.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    throw Fail(source, $"The GPU number in '{Quote(line)}' is out of range.");
                }

                result[number] = current;
                continue;
            }

            var link = NvLinkLinkLine.Match(line);
            if (current is null || !link.Success)
            {
                continue;
            }

            var state = link.Groups[2].Value.Trim();
            if (state.IndexOf("inactive", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                current.Inactive++;
            }
            else if (state.EndsWith("/s", StringComparison.Ordinal))
            {
                current.Active++;
                if (!current.Speeds.Contains(state))
                {
                    current.Speeds.Add(state);
                }
            }
        }

        return result;
    }

    /// <summary>The line as quoted in messages: trimmed, runs of tabs and spaces shown as one space.</summary>
    /// <remarks>Cut short and with control characters escaped: a 10 MB line or binary never becomes the message.</remarks>
    private static string Quote(string line) =>
        UserText.Show(Regex.Replace(line.Length > 4096 ? line.Substring(0, 4096) : line, @"[ \t]+", " ").Trim(), 80);

    private static AwsWikiException Fail(string source, string message) => Errors.GpuTopologyUnparseable.New(source, source, message);
}
