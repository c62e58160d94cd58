using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AwsWiki.Gpu.Topology;

/// <summary>Turns a parsed matrix into a <see cref="GpuTopology"/>: pairs, shape, and the verdict against the instance type.</summary>
internal static class GpuTopologyAnalyzer
{
    public static GpuTopology Analyze(ParsedGpuTopology parsed, string source, string? instanceType)
    {
        var expectation = GpuTopologyExpectations.Find(instanceType);
        var links = new List<GpuLink>();
        for (var a = 0; a < parsed.GpuCount; a++)
        {
            for (var b = a + 1; b < parsed.GpuCount; b++)
            {
                var cell = parsed.GpuCells[a, b];
                var (type, count) = GpuTopologyParser.Classify(cell);
                links.Add(new GpuLink
                {
                    Source = source,
                    GpuA = a,
                    GpuB = b,
                    Link = type,
                    NvLinkCount = count,
                    Cell = cell,
                    ExpectedNvLinkCount = expectation is { ExpectsNvLink: true } && a < (expectation.GpuCount ?? int.MaxValue) && b < (expectation.GpuCount ?? int.MaxValue)
                        ? expectation.ExpectedFor(a, b)
                        : expectation is null ? null : 0,
                });
            }
        }

        var gpus = Enumerable.Range(0, parsed.GpuCount).Select(index => DescribeGpu(parsed, index, source)).ToList();
        var shape = ShapeOf(parsed.GpuCount, links);
        var topology = new GpuTopology
        {
            Source = source,
            InstanceType = string.IsNullOrWhiteSpace(instanceType) ? null : instanceType!.Trim(),
            GpuCount = parsed.GpuCount,
            NicCount = parsed.NicNames.Count,
            Nics = string.Join(",", parsed.NicNames),
            Links = links,
            Gpus = gpus,
            AllPairsNvLink = links.Count > 0 && links.All(link => link.Link == GpuLinkType.NVLink),
            MinNvLinks = links.Count == 0 ? null : links.Min(link => link.NvLinkCount),
            MaxNvLinks = links.Count == 0 ? null : links.Max(link => link.NvLinkCount),
            Shape = shape,
            Expected = expectation?.ToString(),
            HasNvLinkStatus = parsed.NvLinks is not null,
        };
        (topology.Verdict, topology.Reasons) = Judge(topology, expectation);
        return topology;
    }

    private static GpuTopologyGpu DescribeGpu(ParsedGpuTopology parsed, int index, string source)
    {
        var gpu = new GpuTopologyGpu
        {
            Source = source,
            Index = index,
            CpuAffinity = parsed.CpuAffinity[index],
            NumaAffinity = parsed.NumaAffinity[index],
            GpuNumaId = parsed.GpuNumaId[index],
        };
        for (var nic = 0; nic < parsed.NicNames.Count; nic++)
        {
            var (link, _) = GpuTopologyParser.Classify(parsed.NicCells[index, nic]);
            if (gpu.NearestNicLink is null || link < gpu.NearestNicLink)
            {
                gpu.NearestNic = parsed.NicNames[nic];
                gpu.NearestNicLink = link;
            }
        }

        if (parsed.NvLinks is { } status)
        {
            status.TryGetValue(index, out var mine);
            gpu.ActiveNvLinks = mine?.Active ?? 0;
            gpu.InactiveNvLinks = mine?.Inactive ?? 0;
            gpu.NvLinkSpeed = mine is null || mine.Speeds.Count == 0 ? null : string.Join(", ", mine.Speeds);
        }

        return gpu;
    }

    private static GpuTopologyShape ShapeOf(int gpuCount, List<GpuLink> links)
    {
        if (gpuCount == 1)
        {
            return GpuTopologyShape.SingleGpu;
        }

        var nvlinked = links.Where(link => link.Link == GpuLinkType.NVLink).ToList();
        if (nvlinked.Count == 0)
        {
            return GpuTopologyShape.PcieOnly;
        }

        if (nvlinked.Count == links.Count)
        {
            return GpuTopologyShape.AllToAll;
        }

        // The cube-mesh: 8 GPUs, each NVLinked to exactly four peers.
        var peers = Enumerable.Range(0, gpuCount).Select(gpu => nvlinked.Count(link => link.GpuA == gpu || link.GpuB == gpu));
        return gpuCount == 8 && peers.All(count => count == 4) ? GpuTopologyShape.HybridCubeMesh : GpuTopologyShape.Partial;
    }

    private static (GpuTopologyVerdict, string) Judge(GpuTopology topology, GpuTopologyExpectation? expectation)
    {
        if (expectation is null)
        {
            return (GpuTopologyVerdict.Unknown, topology.InstanceType is null
                ? "Instance type unknown: give -InstanceType to check the topology against it."
                : $"No expectation for instance type {topology.InstanceType} (not an NVIDIA GPU type this module knows).");
        }

        var reasons = new List<string>();
        if (expectation.GpuCount is { } expected && expected != topology.GpuCount)
        {
            reasons.Add($"{topology.GpuCount} GPU(s) visible, {expected} expected");
        }

        if (!expectation.ExpectsNvLink)
        {
            return (reasons.Count == 0 ? GpuTopologyVerdict.Healthy : GpuTopologyVerdict.Degraded, string.Join("; ", reasons));
        }

        if (topology.GpuCount > 1 && topology.Links.All(link => link.NvLinkCount == 0))
        {
            reasons.Add($"no GPU pair has NVLink; {expectation} expected");
            return (GpuTopologyVerdict.NoNvLink, string.Join("; ", reasons));
        }

        var renumbered = false;
        if (expectation.PairNvLinks is not null && topology.GpuCount == expectation.GpuCount &&
            topology.Links.Any(link => link.NvLinkCount != link.ExpectedNvLinkCount) &&
            FindClosestNumbering(topology, expectation) is { } numbering)
        {
            // The layout with the GPUs enumerated in another order (PCI bus order differs between a
            // DGX-1 and a p3 host): compare each pair with its counterpart, not with the same indices.
            foreach (var link in topology.Links)
            {
                link.ExpectedNvLinkCount = expectation.ExpectedFor(numbering[link.GpuA], numbering[link.GpuB]);
            }

            renumbered = true;
        }

        foreach (var link in topology.Links.Where(link => link.ExpectedNvLinkCount is not null && link.NvLinkCount != link.ExpectedNvLinkCount))
        {
            var want = link.ExpectedNvLinkCount == 0 ? "no NVLink" : "NV" + link.ExpectedNvLinkCount!.Value.ToString(CultureInfo.InvariantCulture);
            reasons.Add($"GPU{link.GpuA}-GPU{link.GpuB}: {link.Cell}, expected {want}");
        }

        foreach (var gpu in topology.Gpus.Where(gpu => gpu.InactiveNvLinks > 0))
        {
            reasons.Add($"GPU{gpu.Index}: {gpu.InactiveNvLinks} NVLink(s) inactive (nvlink -s)");
        }

        // Any difference counts: a pair with more links than the layout has means the layout is not the expected one.
        if (reasons.Count > 0)
        {
            if (renumbered)
            {
                reasons.Add("pairs compared with the expected layout under the closest GPU numbering");
            }

            return (GpuTopologyVerdict.Degraded, string.Join("; ", reasons));
        }

        return (GpuTopologyVerdict.Healthy, renumbered ? "the expected layout with the GPUs numbered in another order" : string.Empty);
    }

    /// <summary>
    /// The numbering of this machine's GPUs onto the expected layout's that leaves the fewest pairs
    /// different, when it beats the GPUs' own numbering; null otherwise. Eight GPUs have 40,320
    /// orders, pruned as soon as an order is no better than the best so far: cheap.
    /// </summary>
    private static int[]? FindClosestNumbering(GpuTopology topology, GpuTopologyExpectation expectation)
    {
        var count = topology.GpuCount;
        var found = new int[count, count];
        foreach (var link in topology.Links)
        {
            found[link.GpuA, link.GpuB] = found[link.GpuB, link.GpuA] = link.NvLinkCount;
        }

        var best = topology.Links.Count(link => link.NvLinkCount != link.ExpectedNvLinkCount);
        int[]? bestNumbering = null;
        var numbering = new int[count];
        var used = new bool[count];
        Place(0, 0);
        return bestNumbering;

        void Place(int gpu, int mismatches)
        {
            if (mismatches >= best)
            {
                return;
            }

            if (gpu == count)
            {
                best = mismatches;
                bestNumbering = (int[])numbering.Clone();
                return;
            }

            for (var candidate = 0; candidate < count; candidate++)
            {
                if (used[candidate])
                {
                    continue;
                }

                var added = 0;
                for (var earlier = 0; earlier < gpu; earlier++)
                {
                    added += found[earlier, gpu] == expectation.ExpectedFor(numbering[earlier], candidate) ? 0 : 1;
                }

                numbering[gpu] = candidate;
                used[candidate] = true;
                Place(gpu + 1, mismatches + added);
                used[candidate] = false;
            }
        }
    }
}
