using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Commands.Gpu;
using AwsWiki.Gpu;
using AwsWiki.Instances.Offerings;

namespace AwsWiki.Commands.Instances;

/// <summary>
/// Every EC2 instance type with its specs, zones and price: from the embedded all-type catalog
/// (default; no account, no network) or live from EC2 and the Price List. The same output shape
/// as Get-GpuInstanceOffering, for any type; the common parameters follow that cmdlet's rules.
/// </summary>
[Cmdlet(VerbsCommon.Get, "InstanceOffering")]
[OutputType(typeof(InstanceOffering))]
public sealed class GetInstanceOfferingCommand : AwsProfileCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string[]? InstanceType { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>The part of the type name before the dot: c6i, m7g, p4d.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Family { get; set; }

    [Parameter]
    public int MinVCpus { get; set; }

    [Parameter]
    public double MinMemoryGiB { get; set; }

    [Parameter]
    [ValidateSet("x86_64", "arm64", "x86_64_mac", "arm64_mac")]
    public string[]? Architecture { get; set; }

    [Parameter]
    [ValidateSet("Intel", "AMD", "AWS", "Apple")]
    public string[]? ProcessorVendor { get; set; }

    [Parameter]
    public double? MaxHourlyPrice { get; set; }

    [Parameter]
    public GpuPricingModel PricingModel { get; set; } = GpuPricingModel.OnDemand;

    [Parameter]
    [ArgumentCompleter(typeof(GpuArgumentCompleter))]
    public string Currency { get; set; } = "USD";

    /// <summary>Units of -Currency per US dollar.</summary>
    [Parameter]
    public double? ExchangeRate { get; set; }

    [Parameter]
    public SwitchParameter IncludeUnpriced { get; set; }

    [Parameter]
    public GpuOfferingSource Source { get; set; } = GpuOfferingSource.Catalog;

    protected override void ProcessRecord()
    {
        InstanceOfferingRequest request;
        try
        {
            request = InstanceOfferingRequest.Create(InstanceType, Region, Family, MinVCpus, MinMemoryGiB, Architecture, ProcessorVendor, MaxHourlyPrice,
                PricingModel.ToString(), Currency, ExchangeRate, IncludeUnpriced, Source.ToString(), WriteWarning);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        IReadOnlyList<InstanceCatalogEntry> entries = InstanceCatalog.Entries;
        if (request.Common.Live)
        {
            entries = QueryLive(request);
        }

        var offerings = InstanceOfferingQuery.Run(request, entries);
        if (offerings.Count == 0)
        {
            WriteWarning(NothingFound(request, entries));
        }

        foreach (var offering in offerings)
        {
            WriteObject(offering);
        }
    }

    private IReadOnlyList<InstanceCatalogEntry> QueryLive(InstanceOfferingRequest request)
    {
        var regions = LiveOfferingRegions.Aws(request.Common);
        if (regions is { Count: 0 })
        {
            return Array.Empty<InstanceCatalogEntry>();
        }

        var context = ResolveContext(regions?[0]);
        var source = new LiveInstanceOfferingSource(context, regions ?? new[] { context.RegionName }, Reporter);
        var results = Await(source.QueryAsync(request, CancelToken));
        foreach (var failed in results.Where(r => r.Error is not null))
        {
            WriteFailure(failed.Error!, failed.Scope.Region);
        }

        return results.SelectMany(r => r.Value ?? Array.Empty<InstanceCatalogEntry>()).ToList();
    }

    /// <summary>Why nothing came out: no such type or region, or only unpriced rows (which -IncludeUnpriced shows).</summary>
    private static string NothingFound(InstanceOfferingRequest request, IReadOnlyList<InstanceCatalogEntry> entries)
    {
        var where = request.Common.Live ? "The live query" : "The catalog";
        var matching = entries.Where(e => request.MatchesSpec(e)).ToList();
        if (matching.Count == 0)
        {
            return $"{where} has no instance type in the regions asked that matches these filters.";
        }

        var regions = string.Join(", ", matching.Select(e => e.Region).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).Take(5));
        return request.MaxHourlyPrice is null
            ? $"{where} has {matching.Count} matching (type, region) pairs ({regions}) but no {request.Common.PricingModel} price for them; -IncludeUnpriced lists them, -Source Live asks the Price List."
            : $"{where} has {matching.Count} matching (type, region) pairs ({regions}), none priced at or below {request.MaxHourlyPrice} {request.Common.Currency} an hour.";
    }
}
