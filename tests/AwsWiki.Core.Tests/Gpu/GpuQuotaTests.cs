using AwsWiki.Clients;
using AwsWiki.Gpu.Capacity;
using AwsWiki.Gpu.Quotas;

namespace AwsWiki.Core.Tests.Gpu;

public sealed class GpuQuotaTests
{
    [Theory]
    [InlineData("p4d.24xlarge", "P", "L-417A185B", "L-7212CCBC")]
    [InlineData("p3dn.24xlarge", "P", "L-417A185B", "L-7212CCBC")]
    [InlineData("p6-b200.48xlarge", "P", "L-417A185B", "L-7212CCBC")]
    [InlineData("g6e.xlarge", "G", "L-DB2E81BA", "L-3819A6DF")]
    [InlineData("gr6.4xlarge", "G", "L-DB2E81BA", "L-3819A6DF")]
    [InlineData("vt1.3xlarge", "G", "L-DB2E81BA", "L-3819A6DF")]
    [InlineData("dl2q.24xlarge", "DL", "L-6E869C2A", "L-85EED4F7")]
    [InlineData("trn1n.32xlarge", "Trn", "L-2C3B7624", "L-6B0D517C")]
    [InlineData("inf2.xlarge", "Inf", "L-1945791B", "L-B5D1601B")]
    [InlineData("F2.12XLARGE", "F", "L-74FC7D96", "L-88CF9481")]
    public void FamilyOfATypeAndItsCodes(string type, string family, string onDemand, string spot)
    {
        var found = GpuQuotaFamily.Of(type);
        Assert.NotNull(found);
        Assert.Equal(family, found!.Name);
        Assert.Equal(onDemand, found.CodeFor(spot: false));
        Assert.Equal(spot, found.CodeFor(spot: true));
        Assert.Equal((found, true), GpuQuotaFamily.ByCode(spot));
    }

    [Theory]
    [InlineData("c6i.large")]
    [InlineData("m7g.large")]
    [InlineData("t3.micro")]
    [InlineData("graviton.large")]
    public void TypesWithoutAFamilyQuota(string type) => Assert.Null(GpuQuotaFamily.Of(type));

    [Fact]
    public void VtNamesTheGQuota() => Assert.Same(GpuQuotaFamily.G, GpuQuotaFamily.Named("vt"));

    [Fact]
    public void RequiredVCpusAreChecked()
    {
        Assert.Equal(192, VCpuMath.Required("p4d.24xlarge", 2, 96));
        var e = Assert.Throws<AwsWikiException>(() => VCpuMath.Required("p4d.24xlarge", int.MaxValue, 96));
        Assert.Equal("VCpuCountOverflow", e.ErrorId);
        Assert.Contains("2147483647 x p4d.24xlarge at 96 vCPUs", e.Message);
        Assert.Equal("VCpuCountOverflow", Assert.Throws<AwsWikiException>(() => VCpuMath.Needed("g5.xlarge", 1, int.MaxValue, 4)).ErrorId);
    }

    [Theory]
    [InlineData(96.0, 96)]
    [InlineData(0.0, 0)]
    [InlineData(-1.0, 0)]
    [InlineData(1e12, int.MaxValue)]
    [InlineData(double.NaN, 0)]
    public void QuotaValuesInWholeVCpus(double value, int expected) => Assert.Equal(expected, VCpuMath.FromQuota(value));

    [Fact]
    public void ACheckExplainsItselfWithTheCommand()
    {
        var check = new GpuQuotaCheck("p4d.24xlarge", "us-east-1", 1, false, "L-417A185B", "Running On-Demand P instances", 0, 0, 96) { NeededVCpus = 96 };
        Assert.True(check.Exceeded);
        Assert.Equal("Quota L-417A185B allows 0 vCPUs; 0 in use + 96 for 1 x p4d.24xlarge = 96. Ask: Request-GpuQuotaIncrease -InstanceType p4d.24xlarge -Count 1 -Region us-east-1",
            check.Explain());
    }

    [Fact]
    public void OnlyPendingAndCaseOpenedRequestsAreOpen()
    {
        ServiceQuotaChange Change(string status) => new("id", null, "L-417A185B", "P", 96, status, null);
        Assert.True(Change("PENDING").IsOpen);
        Assert.True(Change("CASE_OPENED").IsOpen);
        Assert.False(Change("APPROVED").IsOpen);
        Assert.False(Change("CASE_CLOSED").IsOpen);
    }

    private static GpuCapacity Row(bool offered = true, int reserved = 0, int? quota = 0, int used = 0, int required = 192) => new()
    {
        InstanceType = "p4d.24xlarge", Region = "us-east-1", AvailabilityZoneId = "use1-az1", Count = 2, Offered = offered, AvailableReserved = reserved,
        QuotaCode = quota is null ? string.Empty : "L-417A185B", QuotaVCpus = quota, UsedVCpus = quota is null ? null : used,
        RequiredVCpus = quota is null ? null : required,
    };

    public static TheoryData<GpuCapacity, CapacityRecommendation> Cases => new()
    {
        { Row(), CapacityRecommendation.QuotaExceeded },
        { Row(quota: 192), CapacityRecommendation.OnDemandLikely },
        { Row(quota: 192, used: 1), CapacityRecommendation.QuotaExceeded },
        { Row(reserved: 2), CapacityRecommendation.Reserved },
        { Row(offered: false), CapacityRecommendation.NotOffered },
        { Row(quota: null), CapacityRecommendation.OnDemandLikely },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void QuotaInTheRecommendation(GpuCapacity row, CapacityRecommendation expected)
    {
        CapacityAdvisor.Recommend(row);
        Assert.Equal(expected, row.Recommendation);
        if (expected == CapacityRecommendation.QuotaExceeded)
        {
            Assert.Contains("Request-GpuQuotaIncrease -InstanceType p4d.24xlarge -Count 2 -Region us-east-1", row.Reason);
            Assert.Contains("L-417A185B allows", row.Reason);
        }
    }

    [Fact]
    public void QuotaExceededSortsBeforeNotOffered() =>
        Assert.True(CapacityRecommendation.QuotaExceeded > CapacityRecommendation.Unavailable && CapacityRecommendation.QuotaExceeded < CapacityRecommendation.NotOffered);
}
