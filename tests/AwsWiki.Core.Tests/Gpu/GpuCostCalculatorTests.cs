using System;
using AwsWiki.Gpu;

namespace AwsWiki.Core.Tests.Gpu;

/// <summary>AWS bills a month as 730 hours and a year as 8,760.</summary>
public sealed class GpuCostCalculatorTests
{
    [Theory]
    [InlineData(5, "Hours", 5)]
    [InlineData(2, "Days", 48)]
    [InlineData(1, "Months", 730)]
    [InlineData(3, "Years", 26280)]
    [InlineData(0, "Years", 0)]
    public void ToHours(double amount, string unit, double hours) => Assert.Equal(hours, GpuCostCalculator.ToHours(amount, unit));

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.MaxValue)]
    public void ToHours_RefusesBadDurations(double amount) =>
        Assert.Equal("InvalidDuration", Assert.Throws<AwsWikiException>(() => GpuCostCalculator.ToHours(amount, "Years")).ErrorId);

    [Fact]
    public void ToHours_UnknownUnit_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuCostCalculator.ToHours(1, "Weeks"));

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void ValidateGpuCount_NeedsOne(int count) =>
        Assert.Equal("InvalidGpuCount", Assert.Throws<AwsWikiException>(() => GpuCostCalculator.ValidateGpuCount(count)).ErrorId);

    [Theory]
    [InlineData(4, 8, 1)]
    [InlineData(8, 8, 1)]
    [InlineData(9, 8, 2)]
    [InlineData(4, 1, 4)]
    public void Estimate_RoundsUpToWholeInstances(int gpus, int perInstance, int instances)
    {
        var estimate = GpuCostCalculator.Estimate("AWS", "p3.16xlarge", "us-east-1", "V100", "OnDemand", 24.48, perInstance, "USD", gpus, 10);
        Assert.Equal(instances, estimate.Instances);
        Assert.Equal(24.48 * instances * 10, estimate.TotalCost, 6);
        Assert.Equal(estimate.TotalCost / gpus / 10, estimate.CostPerGpuHour, 9);
    }

    [Fact]
    public void Estimate_ZeroHours_StillGivesThePricePerGpuHour()
    {
        var estimate = GpuCostCalculator.Estimate("AWS", "p3.8xlarge", "us-east-1", "V100", "OnDemand", 12.24, 4, "USD", 2, 0);
        Assert.Equal(0, estimate.TotalCost);
        Assert.Equal(12.24 / 2, estimate.CostPerGpuHour, 9);
    }

    [Theory]
    [InlineData(null, 8, "OfferingUnpriced")]
    [InlineData(-1.0, 8, "InvalidHourlyPrice")]
    [InlineData(double.NaN, 8, "InvalidHourlyPrice")]
    [InlineData(1.0, 0, "OfferingWithoutWholeGpu")]
    [InlineData(double.MaxValue, 8, "CostOverflow")]
    public void Estimate_Refuses(double? price, int perInstance, string errorId)
    {
        var failure = Assert.Throws<AwsWikiException>(() =>
            GpuCostCalculator.Estimate("AWS", "p3.16xlarge", "us-east-1", "V100", "Spot", price, perInstance, "USD", 16, 8760));
        Assert.Equal(errorId, failure.ErrorId);
        Assert.Equal("AWS p3.16xlarge us-east-1", failure.Target);
    }
}
