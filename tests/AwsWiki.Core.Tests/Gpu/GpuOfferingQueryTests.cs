using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Core.Tests.Gpu;

public sealed class GpuOfferingQueryTests
{
    private static readonly List<string> Warnings = new();

    private static GpuOfferingRequest Request(string[]? models = null, string[]? providers = null, string[]? regions = null, string[]? types = null,
        int minGpus = 0, double minMemory = 0, double? maxPrice = null, string? pricing = null, string? currency = null, double? rate = null,
        bool unpriced = false, string? source = null) =>
        GpuOfferingRequest.Create(models, providers, regions, types, minGpus, minMemory, maxPrice, pricing, currency, rate, unpriced, source, Warnings.Add);

    private static string ErrorIdOf(Func<GpuOfferingRequest> create) => Assert.Throws<AwsWikiException>(() => create()).ErrorId;

    private static GpuCatalogEntry Entry(string provider, string type, string region, string model, int gpus, double memory, double? onDemand, double? fraction = null)
    {
        var entry = new GpuCatalogEntry { Provider = provider, InstanceType = type, Region = region, GpuModel = model, GpuCount = gpus, GpuMemoryGiB = memory, GpuFraction = fraction };
        if (onDemand is { } price)
        {
            entry.HourlyPrices[GpuPricingModel.OnDemand] = price;
            entry.HourlyPrices[GpuPricingModel.Spot] = price / 3;
        }

        return entry;
    }

    private static readonly GpuCatalogEntry[] Entries =
    {
        Entry("AWS", "p3.8xlarge", "us-east-1", "V100", 4, 16, 12.24),
        Entry("AWS", "p3.2xlarge", "us-east-1", "V100", 1, 16, 3.06),
        Entry("Azure", "Standard_NC24s_v3", "eastus", "V100", 4, 16, 12.0),
        Entry("AWS", "p4d.24xlarge", "us-east-1", "A100", 8, 40, 32.77),
        Entry("AWS", "p5.48xlarge", "us-east-1", "H100", 8, 80, null),
        Entry("Azure", "Standard_NV6ads_A10_v5", "eastus", "A10", 0, 4, 0.45, fraction: 1.0 / 6),
    };

    [Fact]
    public void Create_Defaults()
    {
        var request = Request();
        Assert.Equal(new[] { "AWS", "Azure" }, request.Providers);
        Assert.Equal(GpuPricingModel.OnDemand, request.PricingModel);
        Assert.Equal("USD", request.Currency);
        Assert.False(request.Live);
    }

    [Theory]
    [InlineData("aws", "AWS")]
    [InlineData(" Azure ", "Azure")]
    public void Create_ProviderNamesAreCaseInsensitive(string given, string expected) => Assert.Equal(new[] { expected }, Request(providers: new[] { given, given }).Providers);

    [Theory]
    [InlineData("spot", GpuPricingModel.Spot)]
    [InlineData("Reserved3Yr", GpuPricingModel.Reserved3Yr)]
    public void Create_PricingModel(string given, GpuPricingModel expected) => Assert.Equal(expected, Request(pricing: given).PricingModel);

    [Fact]
    public void Create_Refuses_UnknownProvider() => Assert.Equal("UnknownProvider", ErrorIdOf(() => Request(providers: new[] { "GCP" })));

    [Fact]
    public void Create_Refuses_UnknownPricingModel() => Assert.Equal("UnknownPricingModel", ErrorIdOf(() => Request(pricing: "Reserved2Yr")));

    [Fact]
    public void Create_Refuses_UnknownSource() => Assert.Equal("UnknownSource", ErrorIdOf(() => Request(source: "Cache")));

    [Fact]
    public void Create_Refuses_NegativeMinGpuCount() => Assert.Equal("NegativeMinGpuCount", ErrorIdOf(() => Request(minGpus: -1)));

    [Fact]
    public void Create_Refuses_NaNMemory() => Assert.Equal("NegativeMinGpuMemory", ErrorIdOf(() => Request(minMemory: double.NaN)));

    [Fact]
    public void Create_Refuses_NegativeMaxPrice() => Assert.Equal("NegativeMaxPrice", ErrorIdOf(() => Request(maxPrice: -0.01)));

    [Theory]
    [InlineData("US")]
    [InlineData("KRW1")]
    [InlineData("\u20a9")]
    public void Create_CurrencyMustBeThreeLetters(string currency) => Assert.Equal("InvalidCurrency", ErrorIdOf(() => Request(currency: currency, rate: 1380)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Create_Refuses_BadExchangeRate(double rate) => Assert.Equal("InvalidExchangeRate", ErrorIdOf(() => Request(currency: "KRW", rate: rate)));

    [Fact]
    public void Create_Refuses_ExchangeRateWithUsd() => Assert.Equal("ExchangeRateWithUsd", ErrorIdOf(() => Request(rate: 1.1)));

    [Fact]
    public void Create_OtherCurrency_NeedsARate_ExceptLiveAzureOnly()
    {
        Assert.Equal("ExchangeRateRequired", ErrorIdOf(() => Request(currency: "krw")));
        Assert.Equal("ExchangeRateRequired", ErrorIdOf(() => Request(currency: "KRW", source: "Live")));
        var azure = Request(currency: "krw", providers: new[] { "Azure" }, source: "live");
        Assert.Equal("KRW", azure.Currency);
        Assert.Null(azure.ExchangeRate);
    }

    [Fact]
    public void Create_UnknownRegion_WarnsWithCloseMatches_AndRefuses()
    {
        Warnings.Clear();
        var failure = Assert.Throws<AwsWikiException>(() => Request(regions: new[] { "us-east-11" }));
        Assert.Equal("UnknownRegion", failure.ErrorId);
        Assert.Contains("us-east-1", Assert.Single(Warnings));
    }

    [Fact]
    public void Create_WildcardRegion_IsNotChecked() => Assert.Single(Request(regions: new[] { "mars-*" }).Regions);

    [Fact]
    public void Run_CheapestGpuHourFirst_UnpricedLeftOut()
    {
        var offerings = GpuOfferingQuery.Run(Request(), Entries);
        Assert.DoesNotContain(offerings, o => o.InstanceType == "p5.48xlarge");
        var perGpu = offerings.Select(o => o.PricePerGpuHour!.Value).ToList();
        Assert.Equal(perGpu.OrderBy(p => p), perGpu);
        Assert.Equal("Azure", offerings[0].Provider);
    }

    [Fact]
    public void Run_IncludeUnpriced_PutsThemLast()
    {
        var offerings = GpuOfferingQuery.Run(Request(unpriced: true), Entries);
        Assert.Equal("p5.48xlarge", offerings.Last().InstanceType);
        Assert.Null(offerings.Last().HourlyPrice);
    }

    [Fact]
    public void Run_FractionalGpu_PricePerGpuHourIsPriceOverShare()
    {
        var a10 = GpuOfferingQuery.Run(Request(models: new[] { "A10" }), Entries).Single();
        Assert.Equal(2.70, a10.PricePerGpuHour!.Value, 9);
        Assert.Equal(4, a10.TotalGpuMemoryGiB);
    }

    [Fact]
    public void Run_FiltersBySpec()
    {
        var offerings = GpuOfferingQuery.Run(Request(models: new[] { "v100" }, providers: new[] { "AWS" }, minGpus: 4), Entries);
        Assert.Equal("p3.8xlarge", Assert.Single(offerings).InstanceType);
        Assert.Equal(64, offerings[0].TotalGpuMemoryGiB);
        Assert.Equal(12.24 * 730, offerings[0].MonthlyPrice!.Value, 6);
    }

    [Fact]
    public void Run_MaxPrice_IsPerGpuHour_AndDropsUnpriced()
    {
        var offerings = GpuOfferingQuery.Run(Request(maxPrice: 3.06, unpriced: true), Entries);
        Assert.Equal(new[] { "Standard_NV6ads_A10_v5", "Standard_NC24s_v3", "p3.2xlarge", "p3.8xlarge" }, offerings.Select(o => o.InstanceType));
    }

    [Fact]
    public void Run_ExchangeRate_ConvertsUsd()
    {
        var offering = GpuOfferingQuery.Run(Request(types: new[] { "p3.2xlarge" }, currency: "KRW", rate: 1000, pricing: "Spot"), Entries).Single();
        Assert.Equal(1020, offering.HourlyPrice!.Value, 6);
        Assert.Equal("KRW", offering.Currency);
        Assert.Equal("Spot", offering.PricingModel);
    }
}
