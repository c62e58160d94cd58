using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu.Topology;

/// <summary>
/// The expected GPU topology of AWS GPU instance types, from public AWS and NVIDIA facts:
/// p3.16xlarge and p3dn.24xlarge are the DGX-1 hybrid cube-mesh (8 V100, each with six NVLinks to
/// four peers: the pairs below come from a DGX-1's `nvidia-smi topo -m`, tests/fixtures/gpu-topology);
/// p3.8xlarge is one fully connected quad of it; p4d/p4de connect 8 A100 through NVSwitch (NV12 every
/// pair); p5/p5e/p5en 8 H100/H200 (NV18); p6-b200/p6-b300 8 Blackwell GPUs (NV18); p6e-gb200 4 GB200
/// GPUs (NV18). g3, g4dn, g5, g5g, g6, g6e, g6f, gr6 and p2 are PCIe only (their GPU counts come from
/// the module's GPU catalog).
/// </summary>
internal static class GpuTopologyExpectations
{
    // DGX-1 V100 (topo -m of tests/fixtures/gpu-topology/dgx1-v100-hybrid-cube-mesh.txt): pair -> NVLinks.
    private static readonly IReadOnlyDictionary<(int A, int B), int> Dgx1Pairs = new Dictionary<(int, int), int>
    {
        [(0, 1)] = 1, [(0, 2)] = 1, [(0, 3)] = 2, [(0, 4)] = 2,
        [(1, 2)] = 2, [(1, 3)] = 1, [(1, 5)] = 2,
        [(2, 3)] = 2, [(2, 6)] = 1,
        [(3, 7)] = 1,
        [(4, 5)] = 1, [(4, 6)] = 1, [(4, 7)] = 2,
        [(5, 6)] = 2, [(5, 7)] = 1,
        [(6, 7)] = 2,
    };

    private static readonly Dictionary<string, GpuTopologyExpectation> NvLinkTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p3.2xlarge"] = new(1, GpuTopologyShape.SingleGpu),
        ["p3.8xlarge"] = new(4, GpuTopologyShape.AllToAll, pairNvLinks: Dgx1Pairs.Where(pair => pair.Key.A < 4 && pair.Key.B < 4).ToDictionary(pair => pair.Key, pair => pair.Value)),
        ["p3.16xlarge"] = new(8, GpuTopologyShape.HybridCubeMesh, pairNvLinks: Dgx1Pairs),
        ["p3dn.24xlarge"] = new(8, GpuTopologyShape.HybridCubeMesh, pairNvLinks: Dgx1Pairs),
        ["p4d.24xlarge"] = new(8, GpuTopologyShape.AllToAll, 12),
        ["p4de.24xlarge"] = new(8, GpuTopologyShape.AllToAll, 12),
        ["p5.4xlarge"] = new(1, GpuTopologyShape.SingleGpu),
        ["p5.48xlarge"] = new(8, GpuTopologyShape.AllToAll, 18),
        ["p5e.48xlarge"] = new(8, GpuTopologyShape.AllToAll, 18),
        ["p5en.48xlarge"] = new(8, GpuTopologyShape.AllToAll, 18),
        ["p6-b200.48xlarge"] = new(8, GpuTopologyShape.AllToAll, 18),
        ["p6-b300.48xlarge"] = new(8, GpuTopologyShape.AllToAll, 18),
        ["p6e-gb200.36xlarge"] = new(4, GpuTopologyShape.AllToAll, 18),
    };

    private static readonly string[] PcieFamilies = { "g3", "g3s", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "p2" };

    /// <summary>The expectation for an instance type, or null when the table has none.</summary>
    public static GpuTopologyExpectation? Find(string? instanceType)
    {
        if (string.IsNullOrWhiteSpace(instanceType))
        {
            return null;
        }

        var name = instanceType!.Trim();
        if (NvLinkTypes.TryGetValue(name, out var known))
        {
            return known;
        }

        var family = name.Split('.')[0];
        if (!PcieFamilies.Contains(family, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var count = GpuCatalog.Entries
            .Where(entry => entry.Provider == "AWS" && string.Equals(entry.InstanceType, name, StringComparison.OrdinalIgnoreCase))
            .Select(entry => (int?)entry.GpuCount)
            .FirstOrDefault();
        return count == 1
            ? new GpuTopologyExpectation(1, GpuTopologyShape.SingleGpu)
            : new GpuTopologyExpectation(count, GpuTopologyShape.PcieOnly);
    }

    /// <summary>The instance types with an NVLink entry (for completion and docs).</summary>
    public static IReadOnlyList<string> NvLinkInstanceTypes => NvLinkTypes.Keys.OrderBy(name => name, StringComparer.Ordinal).ToList();
}
