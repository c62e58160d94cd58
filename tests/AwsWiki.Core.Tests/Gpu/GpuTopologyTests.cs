using System;
using System.IO;
using System.Linq;
using AwsWiki.Gpu.Topology;

namespace AwsWiki.Core.Tests.Gpu;

/// <summary>
/// The parser and analyzer on the real `nvidia-smi topo -m` outputs of tests/fixtures/gpu-topology
/// (PROVENANCE.md says where each came from), with the expectations tests/GpuTopology.Tests.ps1
/// checks through the cmdlet.
/// </summary>
public sealed class GpuTopologyTests
{
    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "gpu-topology", name));

    private static GpuTopology Analyze(string fixture, string? instanceType = null) => AnalyzeText(Fixture(fixture), fixture, instanceType);

    private static GpuTopology AnalyzeText(string text, string source, string? instanceType) =>
        GpuTopologyAnalyzer.Analyze(GpuTopologyParser.Parse(text, source), source, instanceType);

    private static GpuLink Pair(GpuTopology topology, int a, int b) => topology.Links.Single(l => l.GpuA == a && l.GpuB == b);

    private static AwsWikiException Refused(string text) =>
        Assert.Throws<AwsWikiException>(() => GpuTopologyParser.Parse(text, "test"));

    [Fact]
    public void Dgx1CubeMesh_IsHealthyP3()
    {
        var t = Analyze("dgx1-v100-hybrid-cube-mesh.txt", "p3.16xlarge");
        Assert.Equal(8, t.GpuCount);
        Assert.Equal(4, t.NicCount);
        Assert.Equal("mlx5_0,mlx5_2,mlx5_1,mlx5_3", t.Nics);
        Assert.Equal(28, t.Links.Count);
        Assert.Equal(GpuTopologyShape.HybridCubeMesh, t.Shape);
        Assert.False(t.AllPairsNvLink);
        Assert.Equal(0, t.MinNvLinks);
        Assert.Equal(2, t.MaxNvLinks);
        Assert.Equal(2, Pair(t, 0, 3).NvLinkCount);
        Assert.Equal(1, Pair(t, 0, 1).NvLinkCount);
        Assert.Equal(GpuLinkType.SYS, Pair(t, 0, 5).Link);
        Assert.Equal(16, t.Links.Count(l => l.Link == GpuLinkType.NVLink));
        Assert.Equal("0-19,40-59", t.Gpus[0].CpuAffinity);
        Assert.Equal("20-39,60-79", t.Gpus[4].CpuAffinity);
        Assert.Null(t.Gpus[0].NumaAffinity);
        Assert.Equal("mlx5_1", t.Gpus[2].NearestNic);
        Assert.Equal(GpuLinkType.PIX, t.Gpus[2].NearestNicLink);
        Assert.Contains("HybridCubeMesh, 8 GPUs", t.Expected);
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
        Assert.Equal(string.Empty, t.Reasons);
    }

    [Fact]
    public void SecondCubeMesh_OtherNumbering_IsTheP3Layout()
    {
        var t = Analyze("v100-8x-cube-mesh-other-numbering.txt", "p3.16xlarge");
        Assert.Equal("mlx5_0,mlx5_1", t.Nics);
        Assert.Equal(GpuTopologyShape.HybridCubeMesh, t.Shape);
        Assert.Equal(2, Pair(t, 0, 2).NvLinkCount);
        Assert.Equal(2, Pair(t, 0, 7).NvLinkCount);
        Assert.Equal("1", t.Gpus[5].NumaAffinity);
        Assert.Equal("mlx5_0", t.Gpus[2].NearestNic);
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
        Assert.Equal("the expected layout with the GPUs numbered in another order", t.Reasons);
        Assert.All(t.Links, l => Assert.Equal(l.ExpectedNvLinkCount, l.NvLinkCount));
    }

    [Fact]
    public void P4d_Nv12EveryPair_HealthyAsP4d_DegradedAsP5()
    {
        var p4d = Analyze("aws-p4d.24xlarge-nv12.txt", "p4d.24xlarge");
        Assert.Equal(GpuTopologyShape.AllToAll, p4d.Shape);
        Assert.True(p4d.AllPairsNvLink);
        Assert.Equal(12, p4d.MinNvLinks);
        Assert.Equal(28, p4d.Links.Count);
        Assert.Equal("24-47,72-95", p4d.Gpus[4].CpuAffinity);
        Assert.Equal("1", p4d.Gpus[4].NumaAffinity);
        Assert.Equal(GpuTopologyVerdict.Healthy, p4d.Verdict);
        Assert.Equal(GpuTopologyVerdict.Degraded, Analyze("aws-p4d.24xlarge-nv12.txt", "p5.48xlarge").Verdict);
    }

    [Fact]
    public void G6e_PcieNode_Healthy()
    {
        var g6e = Analyze("aws-g6e.12xlarge-node.txt", "g6e.12xlarge");
        Assert.Equal(GpuTopologyShape.PcieOnly, g6e.Shape);
        Assert.Equal(6, g6e.Links.Count(l => l.Link == GpuLinkType.NODE));
        Assert.Equal("PcieOnly, 4 GPUs", g6e.Expected);
        Assert.Equal(GpuTopologyVerdict.Healthy, g6e.Verdict);
    }

    [Fact]
    public void SingleTeslaP4_NotApplicableColumnsAreNull()
    {
        var t = Analyze("single-tesla-p4.txt", "g4dn.xlarge");
        Assert.Equal(1, t.GpuCount);
        Assert.Equal(0, t.NicCount);
        Assert.Empty(t.Links);
        Assert.Equal(GpuTopologyShape.SingleGpu, t.Shape);
        Assert.Null(t.MinNvLinks);
        Assert.Equal("0-7", t.Gpus[0].CpuAffinity);
        Assert.Null(t.Gpus[0].NumaAffinity);
        Assert.Null(t.Gpus[0].GpuNumaId);
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
    }

    [Fact]
    public void TwoGpuPhb_WithoutInstanceType_IsUnknown()
    {
        var t = Analyze("pcie-2x-rtx5090-phb.txt");
        Assert.Equal(GpuTopologyShape.PcieOnly, t.Shape);
        Assert.Equal(GpuLinkType.PHB, Pair(t, 0, 1).Link);
        Assert.Equal("0", t.Gpus[1].NumaAffinity);
        Assert.Equal(GpuTopologyVerdict.Unknown, t.Verdict);
        Assert.Contains("-InstanceType", t.Reasons);
        Assert.Null(t.InstanceType);
    }

    [Fact]
    public void EightGpuSys_TwoNics()
    {
        var t = Analyze("pcie-8x-rtx4090-sys-2nic.txt", "g6e.48xlarge");
        Assert.Equal(8, t.GpuCount);
        Assert.Equal("NIC0,NIC1", t.Nics);
        Assert.All(t.Links, l => Assert.Equal(GpuLinkType.SYS, l.Link));
        Assert.Equal("NIC0", t.Gpus[6].NearestNic);
        Assert.Equal(GpuLinkType.PHB, t.Gpus[6].NearestNicLink);
        Assert.Equal(GpuLinkType.SYS, t.Gpus[0].NearestNicLink);
        Assert.Equal("56-111,168-223", t.Gpus[5].CpuAffinity);
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
    }

    [Fact]
    public void OldSoc_ReadsAsSys_KeepingTheCell()
    {
        var t = Analyze("old-soc-2x-p100.txt");
        Assert.Equal(2, t.GpuCount);
        Assert.Equal(GpuLinkType.SYS, Pair(t, 0, 1).Link);
        Assert.Equal("SOC", Pair(t, 0, 1).Cell);
        Assert.Equal(GpuTopologyShape.PcieOnly, t.Shape);
        Assert.Equal(new[] { "0-5", "6-11" }, t.Gpus.Select(g => g.CpuAffinity));
    }

    [Fact]
    public void FourGpuPcie_PixPhbAndPhbSys()
    {
        var dual = Analyze("pcie-4x-titanx-phb-sys.txt");
        Assert.Equal(GpuLinkType.PHB, Pair(dual, 0, 1).Link);
        Assert.Equal(GpuLinkType.SYS, Pair(dual, 1, 2).Link);
        Assert.Equal(GpuLinkType.PHB, Pair(dual, 2, 3).Link);
        Assert.Equal("4-7,12-15", dual.Gpus[3].CpuAffinity);

        var single = Analyze("pcie-4x-titanx-pix-phb.txt", "g4dn.12xlarge");
        Assert.Equal(new[] { GpuLinkType.PIX, GpuLinkType.PHB, GpuLinkType.PHB, GpuLinkType.PHB, GpuLinkType.PHB, GpuLinkType.PIX }, single.Links.Select(l => l.Link));
        Assert.Equal("PcieOnly, 4 GPUs", single.Expected);
        Assert.Equal(GpuTopologyVerdict.Healthy, single.Verdict);
    }

    [Fact]
    public void H100SpaceSeparated_Nv6_GpuNumaIdColumn()
    {
        var t = Analyze("h100-4x-nv6-4nic.txt");
        Assert.Equal(GpuTopologyShape.AllToAll, t.Shape);
        Assert.True(t.AllPairsNvLink);
        Assert.Equal(6, t.MinNvLinks);
        Assert.Equal(6, t.MaxNvLinks);
        Assert.Equal("NIC0,NIC1,NIC2,NIC3", t.Nics);
        Assert.Equal("NIC1", t.Gpus[1].NearestNic);
        Assert.Equal("7", t.Gpus[2].NumaAffinity);
        Assert.Equal("7,15,23,31", t.Gpus[2].CpuAffinity);
        Assert.Null(t.Gpus[2].GpuNumaId);
    }

    [Fact]
    public void NicLegend_RenamesNicColumns()
    {
        var t = Analyze("derived-h100-4x-nic-legend.txt");
        Assert.Equal("mlx5_0,mlx5_3,mlx5_4,mlx5_5", t.Nics);
        Assert.Equal("mlx5_3", t.Gpus[1].NearestNic);
    }

    [Fact]
    public void Gb200_HealthyNv18_AndTheDerivedNv17PairIsNamed()
    {
        var good = Analyze("gb200-4x-nv18.txt", "p6e-gb200.36xlarge");
        Assert.Equal(GpuTopologyVerdict.Healthy, good.Verdict);
        Assert.Equal(18, good.MinNvLinks);

        var bad = Analyze("derived-gb200-gpu0-gpu2-nv17.txt", "p6e-gb200.36xlarge");
        Assert.Equal(GpuTopologyVerdict.Degraded, bad.Verdict);
        Assert.Equal("GPU0-GPU2: NV17, expected NV18", bad.Reasons);
        Assert.Equal(17, Pair(bad, 0, 2).NvLinkCount);
        Assert.Equal(18, Pair(bad, 0, 2).ExpectedNvLinkCount);
    }

    [Fact]
    public void A100Slice_TwoGpusTenNics_DegradedForP4d()
    {
        var t = Analyze("a100-2x-nv12-10nic.txt", "p4d.24xlarge");
        Assert.Equal(2, t.GpuCount);
        Assert.Equal(10, t.NicCount);
        Assert.Equal(12, Pair(t, 0, 1).NvLinkCount);
        Assert.Equal("NIC0", t.Gpus[0].NearestNic);
        Assert.Equal(GpuLinkType.PXB, t.Gpus[0].NearestNicLink);
        Assert.Equal(GpuTopologyVerdict.Degraded, t.Verdict);
        Assert.Equal("2 GPU(s) visible, 8 expected", t.Reasons);
    }

    [Fact]
    public void DgxA100WithoutNvLink_IsNoNvLinkForP4d()
    {
        var t = Analyze("dgx-a100-no-nvlink-12nic.txt", "p4d.24xlarge");
        Assert.Equal(12, t.NicCount);
        Assert.Equal("6-7", t.Gpus[7].NumaAffinity);
        Assert.Equal(GpuTopologyShape.PcieOnly, t.Shape);
        Assert.Equal(GpuTopologyVerdict.NoNvLink, t.Verdict);
        Assert.Equal("no GPU pair has NVLink; AllToAll, 8 GPUs, NV12 every pair expected", t.Reasons);
    }

    [Theory]
    [InlineData("derived-dgx1-gpu0-gpu3-nv1.txt", "p3.16xlarge", "GPU0-GPU3: NV1, expected NV2")]
    [InlineData("derived-dgx1-gpu4-gpu5-sys.txt", "p3dn.24xlarge", "GPU4-GPU5: SYS, expected NV1")]
    public void DegradedVariants_NameThePair(string fixture, string instanceType, string reasons)
    {
        var t = Analyze(fixture, instanceType);
        Assert.Equal(GpuTopologyVerdict.Degraded, t.Verdict);
        Assert.Equal(reasons, t.Reasons);
    }

    [Fact]
    public void PairFallenToSys_ShapeIsPartial() => Assert.Equal(GpuTopologyShape.Partial, Analyze("derived-dgx1-gpu4-gpu5-sys.txt", "p3dn.24xlarge").Shape);

    [Fact]
    public void SocLegendVariant_IsHealthy()
    {
        var t = Analyze("derived-dgx1-soc-legend.txt", "p3.16xlarge");
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
        Assert.Equal("SOC", Pair(t, 0, 5).Cell);
    }

    [Fact]
    public void Renumbered_CubeMesh_HealthyThenReducedPairNamed()
    {
        // GPU i of the new text is GPU order[i] of the DGX-1 output, as the Pester test builds it.
        int[] order = { 3, 6, 0, 5, 1, 7, 2, 4 };
        var lines = Fixture("dgx1-v100-hybrid-cube-mesh.txt").Replace("\r\n", "\n").Split('\n');
        var rows = Enumerable.Range(0, 8).Select(i => lines[1 + i].Split('\t')).ToArray();
        var text = string.Join("\n", new[] { lines[0] }.Concat(Enumerable.Range(0, 8).Select(i =>
        {
            var row = rows[order[i]];
            return string.Join("\t", new[] { "GPU" + i }.Concat(Enumerable.Range(0, 8).Select(j => row[1 + order[j]])).Concat(row.Skip(9).Take(5)));
        })));
        var t = AnalyzeText(text, "renumbered", "p3.16xlarge");
        Assert.Equal(GpuTopologyVerdict.Healthy, t.Verdict);
        Assert.Equal("the expected layout with the GPUs numbered in another order", t.Reasons);

        var degraded = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^(GPU0\t X \t[^\t]+\t)NV2", "${1}NV1");
        degraded = System.Text.RegularExpressions.Regex.Replace(degraded, "(?m)^(GPU2\t)NV2", "${1}NV1");
        var d = AnalyzeText(degraded, "renumbered", "p3.16xlarge");
        Assert.Equal(GpuTopologyVerdict.Degraded, d.Verdict);
        Assert.Equal("GPU0-GPU2: NV1, expected NV2; pairs compared with the expected layout under the closest GPU numbering", d.Reasons);
    }

    [Fact]
    public void NvLinkStatus_CountsActiveAndInactiveLinks()
    {
        var status = string.Join("\n", Enumerable.Range(0, 8).SelectMany(gpu =>
            new[] { $"GPU {gpu}: Tesla V100-SXM2-32GB (UUID: GPU-0000000{gpu})" }.Concat(Enumerable.Range(0, 6).Select(link =>
                gpu == 3 && link == 5 ? $"\t Link {link}: <inactive>" : $"\t Link {link}: 25.781 GB/s"))));
        var t = AnalyzeText(Fixture("dgx1-v100-hybrid-cube-mesh.txt") + "\n" + status + "\n", "status", "p3.16xlarge");
        Assert.True(t.HasNvLinkStatus);
        Assert.Equal(6, t.Gpus[0].ActiveNvLinks);
        Assert.Equal("25.781 GB/s", t.Gpus[0].NvLinkSpeed);
        Assert.Equal(5, t.Gpus[3].ActiveNvLinks);
        Assert.Equal(1, t.Gpus[3].InactiveNvLinks);
        Assert.Equal(GpuTopologyVerdict.Degraded, t.Verdict);
        Assert.Equal("GPU3: 1 NVLink(s) inactive (nvlink -s)", t.Reasons);
    }

    [Fact]
    public void WithoutNvLinkStatus_LinkCountsAreNull()
    {
        var t = Analyze("dgx1-v100-hybrid-cube-mesh.txt");
        Assert.False(t.HasNvLinkStatus);
        Assert.Null(t.Gpus[0].ActiveNvLinks);
    }

    [Fact]
    public void CrLfText_ParsesAsLf()
    {
        var lf = Analyze("gb200-4x-nv18.txt");
        var crlf = AnalyzeText(Fixture("gb200-4x-nv18.txt").Replace("\r\n", "\n").Replace("\n", "\r\n"), "crlf", null);
        Assert.Equal(lf.Links.Select(l => l.Cell), crlf.Links.Select(l => l.Cell));
    }

    [Fact]
    public void Truncated_QuotesTheLastRow()
    {
        var failure = Refused(Fixture("derived-dgx1-truncated.txt"));
        Assert.Equal(GpuTopologyParser.ErrorId, failure.ErrorId);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Contains("'GPU5 SYS NV2 SYS'", failure.Message);
    }

    [Fact]
    public void NotAMatrix_QuotesTheFirstLine() =>
        Assert.Contains("First line: 'nvidia-smi: command not found'", Refused("nvidia-smi: command not found\n").Message);

    [Theory]
    [InlineData("")]
    [InlineData("\n \n")]
    public void Empty_SaysEmpty(string text) => Assert.Contains("empty", Refused(text).Message);

    [Fact]
    public void UnknownCell_IsRefusedQuotingIt()
    {
        var text = Fixture("dgx1-v100-hybrid-cube-mesh.txt").Replace("GPU1\tNV1\t X \tNV2", "GPU1\tNV1\t X \tNV9X");
        Assert.Matches("Unknown connection 'NV9X'.*'GPU1 NV1 X NV9X", Refused(text).Message);
    }

    [Fact]
    public void AsymmetricMatrix_IsRefused()
    {
        var text = Fixture("dgx1-v100-hybrid-cube-mesh.txt").Replace("GPU1\tNV1\t X ", "GPU1\tNV2\t X ");
        Assert.Contains("not symmetric: GPU0-GPU1 is NV1 but GPU1-GPU0 is NV2", Refused(text).Message);
    }

    [Fact]
    public void TwoOutputsJoined_AreRefused() =>
        Assert.Contains("A second topo matrix", Refused(Fixture("gb200-4x-nv18.txt") + "\n" + Fixture("single-tesla-p4.txt")).Message);

    [Theory]
    [InlineData("NV12", GpuLinkType.NVLink, 12)]
    [InlineData("NV1", GpuLinkType.NVLink, 1)]
    [InlineData("SOC", GpuLinkType.SYS, 0)]
    [InlineData("PIX", GpuLinkType.PIX, 0)]
    [InlineData("NODE", GpuLinkType.NODE, 0)]
    public void Classify_Cells(string cell, GpuLinkType link, int count) => Assert.Equal((link, count), GpuTopologyParser.Classify(cell));

    [Theory]
    [InlineData("p3.16xlarge", 8, true)]
    [InlineData("p4d.24xlarge", 8, true)]
    [InlineData("p6e-gb200.36xlarge", 4, true)]
    [InlineData("g6e.12xlarge", 4, false)]
    public void Expectations_KnowTheNvLinkTypes(string instanceType, int gpus, bool nvLink)
    {
        var expectation = GpuTopologyExpectations.Find(instanceType);
        Assert.NotNull(expectation);
        Assert.Equal(gpus, expectation!.GpuCount);
        Assert.Equal(nvLink, expectation.ExpectsNvLink);
        Assert.Equal(nvLink, GpuTopologyExpectations.NvLinkInstanceTypes.Contains(instanceType));
    }

    [Fact]
    public void Expectations_UnknownType_IsNull() => Assert.Null(GpuTopologyExpectations.Find("m5.large"));
}
