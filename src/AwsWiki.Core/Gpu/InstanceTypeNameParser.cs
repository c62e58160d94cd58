using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu;

/// <summary>
/// Decodes EC2 instance type names (series letters, generation, attribute letters, an optional
/// "-option", then the size). Only series and letters AWS documents are accepted: an unknown
/// shape is an error, never a guess.
/// </summary>
internal static class InstanceTypeNameParser
{
    private static readonly Regex Shape = new(
        @"^(?<series>[a-z]+)(?<generation>\d+)(?<letters>[a-z]*)(?:-(?<option>[a-z0-9]+))?\.(?<size>nano|micro|small|medium|large|\d*xlarge|metal(?:-\d+xl)?)$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // High-memory names put the memory before the generation: u-6tb1.metal.
    private static readonly Regex HighMemoryShape = new(
        @"^u-(?<memory>\d+tb)(?<generation>\d+)\.(?<size>\d*xlarge|metal(?:-\d+xl)?)$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["t"] = "Burstable general purpose",
        ["m"] = "General purpose",
        ["a"] = "General purpose",
        ["mac"] = "General purpose",
        ["c"] = "Compute optimized",
        ["r"] = "Memory optimized",
        ["x"] = "Memory optimized",
        ["u"] = "Memory optimized",
        ["z"] = "Memory optimized",
        ["i"] = "Storage optimized",
        ["im"] = "Storage optimized",
        ["is"] = "Storage optimized",
        ["d"] = "Storage optimized",
        ["h"] = "Storage optimized",
        ["p"] = "Accelerated computing",
        ["g"] = "Accelerated computing",
        ["gr"] = "Accelerated computing",
        ["f"] = "Accelerated computing",
        ["inf"] = "Accelerated computing",
        ["trn"] = "Accelerated computing",
        ["dl"] = "Accelerated computing",
        ["vt"] = "Accelerated computing",
        ["hpc"] = "HPC optimized",
    };

    private static readonly Dictionary<char, string> Letters = new()
    {
        ['a'] = "AMD processor",
        ['g'] = "AWS Graviton processor",
        ['i'] = "Intel processor",
        ['d'] = "local NVMe instance storage",
        ['n'] = "higher network (and EBS) bandwidth",
        ['e'] = "extra memory or storage",
        ['z'] = "high CPU frequency",
        ['b'] = "block storage (EBS) optimized",
        ['q'] = "Qualcomm inference accelerators",
        ['f'] = "fractional GPU",
        ['u'] = "UltraServer",
    };

    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["flex"] = "Flex: baseline performance with bursts, lower price",
        ["m1ultra"] = "Apple M1 Ultra",
        ["m2"] = "Apple M2",
        ["m2pro"] = "Apple M2 Pro",
        ["m4"] = "Apple M4",
        ["m4pro"] = "Apple M4 Pro",
        ["b200"] = "NVIDIA B200 GPUs",
        ["b300"] = "NVIDIA B300 GPUs",
        ["gb200"] = "NVIDIA GB200 superchips",
    };

    /// <summary>
    /// Decodes a name; throws AwsWikiException InstanceTypeNameNotRecognized for an unknown shape.
    /// Where no letter names the processor, EC2's own record for the family (embedded catalog) does.
    /// </summary>
    public static InstanceTypeName Parse(string name)
    {
        return Decode(name, out var problem, useEc2Records: true) ?? throw Errors.InstanceTypeNameNotRecognized.New(name, name, problem);
    }

    /// <summary>Why a name does not decode (empty when it does), in words for a message.</summary>
    public static string Problem(string name)
    {
        Decode(name, out var problem, useEc2Records: false);
        return problem;
    }

    /// <summary>Decodes from the name alone (the catalog loader uses it, so it must not read the catalog).</summary>
    public static InstanceTypeName? TryParse(string name) => Decode(name, out _, useEc2Records: false);

    private static InstanceTypeName? Decode(string name, out string problem, bool useEc2Records)
    {
        var text = (name ?? string.Empty).Trim().ToLowerInvariant();
        var highMemory = HighMemoryShape.Match(text);
        if (highMemory.Success)
        {
            if (Generation(highMemory.Groups["generation"].Value, out problem) is null)
            {
                return null;
            }

            return new InstanceTypeName
            {
                InstanceType = text,
                Family = text.Substring(0, text.IndexOf('.')),
                Series = "u",
                Category = Categories["u"],
                Generation = Generation(highMemory.Groups["generation"].Value, out problem) ?? 0,
                ProcessorVendor = "Intel",
                Attributes = highMemory.Groups["memory"].Value,
                AttributeMeanings = $"{highMemory.Groups["memory"].Value} = {highMemory.Groups["memory"].Value.Replace("tb", " TiB")} of memory",
                Size = highMemory.Groups["size"].Value,
                IsMetal = highMemory.Groups["size"].Value.StartsWith("metal", StringComparison.Ordinal),
            };
        }

        var match = Shape.Match(text);
        if (!match.Success)
        {
            problem = "it does not have the shape <series><generation><letters>[-option].<size>.";
            return null;
        }

        var series = match.Groups["series"].Value;
        if (!Categories.TryGetValue(series, out var category))
        {
            problem = $"the series '{UserText.Show(series, 20)}' is not a known EC2 series ({string.Join(", ", Categories.Keys.OrderBy(k => k, StringComparer.Ordinal))}).";
            return null;
        }

        var letters = match.Groups["letters"].Value;
        var unknown = letters.Where(c => !Letters.ContainsKey(c)).ToArray();
        if (unknown.Length > 0)
        {
            problem = $"the attribute letter(s) '{UserText.Show(new string(unknown), 20)}' have no documented meaning.";
            return null;
        }

        var option = match.Groups["option"].Value;
        if (option.Length > 0 && !Options.ContainsKey(option) && !Regex.IsMatch(option, @"^\d+tb$"))
        {
            problem = $"the option '-{UserText.Show(option, 20)}' is not known.";
            return null;
        }

        if (Generation(match.Groups["generation"].Value, out problem) is not { } generation)
        {
            return null;
        }

        var attributes = letters.Select(c => c.ToString()).ToList();
        var meanings = letters.Select(c => $"{c} = {Letters[c]}").ToList();
        if (option.Length > 0)
        {
            attributes.Add(option);
            meanings.Add($"{option} = {(Options.TryGetValue(option, out var meaning) ? meaning : option.Replace("tb", " TiB") + " of memory")}");
        }

        problem = string.Empty;
        var size = match.Groups["size"].Value;
        return new InstanceTypeName
        {
            InstanceType = text,
            Family = text.Substring(0, text.IndexOf('.')),
            Series = series,
            Category = category,
            Generation = generation,
            ProcessorVendor = VendorOf(useEc2Records ? text.Substring(0, text.IndexOf('.')) : null, series, generation, letters),
            Attributes = string.Join(",", attributes),
            AttributeMeanings = string.Join("; ", meanings),
            Size = size,
            IsMetal = size.StartsWith("metal", StringComparison.Ordinal),
        };
    }

    /// <summary>The generation number, or null (with the problem) when it is past any real generation: no OverflowException.</summary>
    private static int? Generation(string digits, out string problem)
    {
        if (digits.Length <= 3 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation))
        {
            problem = string.Empty;
            return generation;
        }

        problem = $"the generation '{UserText.Show(digits, 20)}' is out of range (EC2 generations have 1 to 3 digits).";
        return null;
    }

    private static string VendorOf(string? family, string series, int generation, string letters)
    {
        // The processor letter wins; otherwise each series has one default host processor.
        if (letters.IndexOf('a') >= 0)
        {
            return "AMD";
        }

        if (letters.IndexOf('g') >= 0)
        {
            return "AWS Graviton";
        }

        if (letters.IndexOf('i') >= 0)
        {
            return "Intel";
        }

        if (series == "a")
        {
            return "AWS Graviton";
        }

        if (series == "mac")
        {
            return generation >= 2 ? "Apple" : "Intel";
        }

        // No letter says it: EC2's own processor record for the family, where the catalog has one
        // (g5, g6 and p5 run AMD CPUs although their names carry no 'a').
        return (family is null ? null : GpuCatalog.ProcessorVendorOfFamily(family)) ?? "Intel";
    }
}
