using AwsWiki.Gpu;

namespace AwsWiki.Core.Tests.Gpu;

/// <summary>EC2's documented naming convention (series, generation, attribute letters, option, size).</summary>
public sealed class InstanceTypeNameParserTests
{
    [Theory]
    [InlineData("c6i.large", "Compute optimized", 6, "Intel", "i", "large", false)]
    [InlineData("t4g.large", "Burstable general purpose", 4, "AWS Graviton", "g", "large", false)]
    [InlineData("m6a.xlarge", "General purpose", 6, "AMD", "a", "xlarge", false)]
    [InlineData("p4d.24xlarge", "Accelerated computing", 4, "Intel", "d", "24xlarge", false)]
    [InlineData("g4dn.xlarge", "Accelerated computing", 4, "Intel", "d,n", "xlarge", false)]
    [InlineData("u-6tb1.metal", "Memory optimized", 1, "Intel", "6tb", "metal", true)]
    [InlineData("mac2.metal", "General purpose", 2, "Apple", "", "metal", true)]
    [InlineData("c7i-flex.large", "Compute optimized", 7, "Intel", "i,flex", "large", false)]
    [InlineData("hpc7g.16xlarge", "HPC optimized", 7, "AWS Graviton", "g", "16xlarge", false)]
    [InlineData("p6-b200.48xlarge", "Accelerated computing", 6, "Intel", "b200", "48xlarge", false)]
    [InlineData("m7i.metal-24xl", "General purpose", 7, "Intel", "i", "metal-24xl", true)]
    [InlineData("a1.medium", "General purpose", 1, "AWS Graviton", "", "medium", false)]
    public void Parse_Decodes(string name, string category, int generation, string vendor, string attributes, string size, bool metal)
    {
        var decoded = InstanceTypeNameParser.Parse(name);
        Assert.Equal(name, decoded.InstanceType);
        Assert.Equal(category, decoded.Category);
        Assert.Equal(generation, decoded.Generation);
        Assert.Equal(vendor, decoded.ProcessorVendor);
        Assert.Equal(attributes, decoded.Attributes);
        Assert.Equal(size, decoded.Size);
        Assert.Equal(metal, decoded.IsMetal);
    }

    [Fact]
    public void Parse_IsCaseAndSpaceInsensitive()
    {
        var decoded = InstanceTypeNameParser.Parse("  G4DN.XLarge ");
        Assert.Equal("g4dn.xlarge", decoded.InstanceType);
        Assert.Equal("g4dn", decoded.Family);
    }

    [Fact]
    public void Parse_ExplainsTheLetters() =>
        Assert.Matches("d = local NVMe.*n = higher network", InstanceTypeNameParser.Parse("g4dn.xlarge").AttributeMeanings);

    [Theory]
    [InlineData("foo.bar")]
    [InlineData("q9.large")]
    [InlineData("c6x.large")]
    [InlineData("c6i")]
    [InlineData("c7i-turbo.large")]
    [InlineData("")]
    public void Parse_UnknownShape_IsAnError(string name)
    {
        var failure = Assert.Throws<AwsWikiException>(() => InstanceTypeNameParser.Parse(name));
        Assert.Equal("InstanceTypeNameNotRecognized", failure.ErrorId);
        Assert.Equal(name, failure.Target);
        Assert.Contains("'" + name + "'", failure.Message);
        Assert.Null(InstanceTypeNameParser.TryParse(name));
    }

    [Theory]
    [InlineData("g5.xlarge", "AMD")]
    [InlineData("g6.xlarge", "AMD")]
    [InlineData("p5.48xlarge", "AMD")]
    [InlineData("p4d.24xlarge", "Intel")]
    public void Parse_VendorWithoutALetter_ComesFromEc2sRecord(string name, string vendor)
    {
        Assert.Equal(vendor, InstanceTypeNameParser.Parse(name).ProcessorVendor);
        // From the name alone (the catalog loader's path) no letter says AMD.
        Assert.Equal("Intel", InstanceTypeNameParser.TryParse(name)!.ProcessorVendor);
    }
}
