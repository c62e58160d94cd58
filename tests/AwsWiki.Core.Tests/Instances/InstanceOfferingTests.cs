using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;
using AwsWiki.Instances;
using AwsWiki.Instances.Offerings;

namespace AwsWiki.Core.Tests.Instances;

public sealed class InstanceOfferingTests
{
    private static InstanceOfferingRequest Request(string[]? types = null, string[]? regions = null, string[]? families = null, int minVCpus = 0,
        double minMemory = 0, string[]? architectures = null, string[]? vendors = null, double? maxPrice = null, string? pricing = null,
        string? currency = null, double? rate = null, bool unpriced = false) =>
        InstanceOfferingRequest.Create(types, regions, families, minVCpus, minMemory, architectures, vendors, maxPrice, pricing, currency, rate, unpriced, null, _ => { });

    private static InstanceCatalogEntry Entry(string type, string region, int vcpus, double memory, string arch, string vendor, double? onDemand)
    {
        var entry = new InstanceCatalogEntry(new InstanceTypeSpec { InstanceType = type, VCpus = vcpus, MemoryGiB = memory, Architecture = arch, ProcessorVendor = vendor }, region)
        {
            PriceAsOf = "2026-07-20",
        };
        if (onDemand is { } price)
        {
            entry.HourlyPrices[GpuPricingModel.OnDemand] = price;
        }

        return entry;
    }

    private static readonly InstanceCatalogEntry[] Entries =
    {
        Entry("m5.large", "us-east-1", 2, 8, "x86_64", "Intel", 0.096),
        Entry("c6i.large", "us-east-1", 2, 4, "x86_64", "Intel", 0.085),
        Entry("c6i.large", "ap-northeast-2", 2, 4, "x86_64", "Intel", null),
        Entry("m7g.xlarge", "us-east-1", 4, 16, "arm64", "AWS", 0.1632),
        Entry("m7a.xlarge", "us-east-1", 4, 16, "x86_64", "AMD", 0.23184),
    };

    private static string Names(IEnumerable<InstanceOffering> offerings) => string.Join(" ", offerings.Select(o => $"{o.InstanceType}@{o.Region}"));

    [Fact]
    public void Sorts_cheapest_first_and_leaves_unpriced_rows_out()
    {
        Assert.Equal("c6i.large@us-east-1 m5.large@us-east-1 m7g.xlarge@us-east-1 m7a.xlarge@us-east-1", Names(InstanceOfferingQuery.Run(Request(), Entries)));
    }

    [Fact]
    public void Lists_unpriced_rows_last_when_asked()
    {
        var offerings = InstanceOfferingQuery.Run(Request(unpriced: true), Entries);
        Assert.Equal("c6i.large@ap-northeast-2", Names(offerings.Skip(4)));
        Assert.Null(offerings[4].HourlyPrice);
        Assert.Equal(string.Empty, offerings[4].PriceAsOf);
    }

    [Fact]
    public void Filters_by_family_vcpus_memory_architecture_vendor_and_price()
    {
        Assert.Equal("c6i.large@us-east-1", Names(InstanceOfferingQuery.Run(Request(families: new[] { "c6*" }), Entries)));
        Assert.Equal("m7g.xlarge@us-east-1 m7a.xlarge@us-east-1", Names(InstanceOfferingQuery.Run(Request(minVCpus: 4, minMemory: 16), Entries)));
        Assert.Equal("m7g.xlarge@us-east-1", Names(InstanceOfferingQuery.Run(Request(architectures: new[] { "ARM64" }), Entries)));
        Assert.Equal("m7a.xlarge@us-east-1", Names(InstanceOfferingQuery.Run(Request(vendors: new[] { "amd" }), Entries)));
        Assert.Equal("c6i.large@us-east-1 m5.large@us-east-1", Names(InstanceOfferingQuery.Run(Request(maxPrice: 0.1), Entries)));
        Assert.Equal("m5.large@us-east-1", Names(InstanceOfferingQuery.Run(Request(types: new[] { "m5.*" }, regions: new[] { "us-*" }), Entries)));
    }

    [Fact]
    public void Converts_currency_and_counts_a_month_as_730_hours()
    {
        var m5 = InstanceOfferingQuery.Run(Request(types: new[] { "m5.large" }, currency: "krw", rate: 1380), Entries).Single();
        Assert.Equal("KRW", m5.Currency);
        Assert.Equal(0.096 * 1380, m5.HourlyPrice);
        Assert.Equal(0.096 * 1380 * 730, m5.MonthlyPrice);
        Assert.Equal("2026-07-20", m5.PriceAsOf);
    }

    [Theory]
    [InlineData(-1, 0, null, "InvalidInstanceFilter")]
    [InlineData(0, -1, null, "InvalidInstanceFilter")]
    [InlineData(0, 0, -0.5, "InvalidInstanceFilter")]
    public void Refuses_negative_filters(int minVCpus, double minMemory, double? maxPrice, string errorId)
    {
        Assert.Equal(errorId, Assert.Throws<AwsWikiException>(() => Request(minVCpus: minVCpus, minMemory: minMemory, maxPrice: maxPrice)).ErrorId);
    }

    [Fact]
    public void Shares_the_gpu_cmdlets_currency_rules()
    {
        Assert.Equal("ExchangeRateRequired", Assert.Throws<AwsWikiException>(() => Request(currency: "EUR")).ErrorId);
        Assert.Equal("ExchangeRateWithUsd", Assert.Throws<AwsWikiException>(() => Request(rate: 2)).ErrorId);
    }

    [Fact]
    public void The_embedded_catalog_knows_every_type_and_c6i_large_in_seoul()
    {
        Assert.Equal(1263, InstanceCatalog.Types.Count);
        var seoul = InstanceCatalog.Find("c6i.large", "ap-northeast-2")!;
        Assert.Equal(2, seoul.Spec.VCpus);
        Assert.Equal(4, seoul.Spec.MemoryGiB);
        Assert.Equal("Intel", seoul.Spec.ProcessorVendor);
        Assert.Equal("ap-northeast-2a,ap-northeast-2b,ap-northeast-2c,ap-northeast-2d", seoul.AvailabilityZones);
        var m5 = InstanceCatalog.Find("m5.large", "us-east-1")!;
        Assert.Equal(0.096, m5.HourlyPrices[GpuPricingModel.OnDemand]);
        Assert.Equal("2026-07-20", m5.PriceAsOf);
        Assert.StartsWith("karpenter-provider-aws@", m5.Source);
    }

    [Fact]
    public void Cost_is_price_times_count_times_hours_and_unpriced_input_fails_with_its_reason()
    {
        var estimate = InstanceCostCalculator.Estimate("c6i.large", "ap-northeast-2", "", "", "OnDemand", 0.096, "USD", 1, InstanceCostCalculator.ToHours(1, "Months"));
        Assert.Equal(0.096 * 1 * 730, estimate.TotalCost);
        Assert.Equal(70.08, Math.Round(estimate.MonthlyCost, 2));
        var error = Assert.Throws<AwsWikiException>(() => InstanceCostCalculator.Estimate("t3.micro", "x", "i-1", "", "OnDemand", null, "USD", 1, 1, "Prices are for Linux/UNIX; this instance runs Windows."));
        Assert.Equal("InstanceUnpriced", error.ErrorId);
        Assert.Contains("Windows", error.Message);
        Assert.Equal("InvalidInstanceCount", Assert.Throws<AwsWikiException>(() => InstanceCostCalculator.ValidateCount(0)).ErrorId);
    }

    [Theory]
    [InlineData("OnDemand", "Linux/UNIX", "t3.micro", "us-east-1", 0.0104, null)]
    [InlineData("OnDemand", "Windows", "t3.micro", "us-east-1", null, "Windows")]
    [InlineData("CapacityBlock", "Linux/UNIX", "p5.48xlarge", "us-east-1", null, "reservation")]
    [InlineData("OnDemand", "Linux/UNIX", "t3.micro", "ap-northeast-2", null, "-PriceSource Live")]
    [InlineData("Spot", "Linux/UNIX", "g4dn.xlarge", "us-east-1", 0.2132, null)]
    public void Prices_a_listed_instance_from_the_catalog_or_says_why_not(string lifecycle, string platform, string type, string region, double? hourly, string? reason)
    {
        var instance = new AwsInstance { InstanceType = type, Region = region, Lifecycle = lifecycle, Platform = platform, Uptime = TimeSpan.FromHours(10) };
        InstancePricing.ApplyCatalog(instance);
        Assert.Equal(hourly, instance.HourlyPrice);
        if (reason is null)
        {
            Assert.Null(instance.UnpricedReason);
            Assert.Equal(hourly * 730, instance.MonthlyPrice);
            Assert.Equal(Math.Round(hourly!.Value * 10, 4), instance.CostSinceLaunch);
        }
        else
        {
            Assert.Contains(reason, instance.UnpricedReason);
            Assert.Null(instance.MonthlyPrice);
        }
    }

    [Fact]
    public void Price_list_documents_other_than_linux_shared_tenancy_are_ignored()
    {
        static string Document(string os, string tenancy, string software = "NA") =>
            "{\"product\":{\"attributes\":{\"instanceType\":\"c6i.large\",\"regionCode\":\"ap-northeast-2\",\"operatingSystem\":\"" + os +
            "\",\"tenancy\":\"" + tenancy + "\",\"preInstalledSw\":\"" + software + "\",\"capacitystatus\":\"Used\"}}}";
        Assert.True(AwsPriceListPrices.IsLinuxSharedTenancy(Document("Linux", "Shared")));
        Assert.False(AwsPriceListPrices.IsLinuxSharedTenancy(Document("Windows", "Shared")));
        Assert.False(AwsPriceListPrices.IsLinuxSharedTenancy(Document("Linux", "Dedicated")));
        Assert.False(AwsPriceListPrices.IsLinuxSharedTenancy(Document("Linux", "Shared", "SQL Web")));
    }
}
