using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsWiki.Commands.Completers;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// GPU and accelerator offerings of AWS and Azure with price per GPU-hour: from the embedded
/// catalog (default; no account, no network) or live from EC2, the Price List API and Azure
/// Retail Prices. -Region filters the catalog and picks the regions to query live, which is
/// why this derives from AwsConnectionCmdlet and resolves a context per region.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GpuInstanceOffering")]
[OutputType(typeof(GpuInstanceOffering))]
public sealed class GetGpuInstanceOfferingCommand : AwsProfileCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(GpuArgumentCompleter))]
    public string[]? GpuModel { get; set; }

    [Parameter]
    public GpuProvider[]? Provider { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(GpuArgumentCompleter))]
    public string[]? Region { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string[]? InstanceType { get; set; }

    [Parameter]
    public int MinGpuCount { get; set; }

    [Parameter]
    public double MinGpuMemoryGiB { get; set; }

    [Parameter]
    public double? MaxPricePerGpuHour { get; set; }

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

    /// <summary>Azure Retail Prices API base URL (live mode); default AWSWIKI_AZURE_PRICES_URL, then Azure's own.</summary>
    [Parameter]
    public string? AzurePricesUrl { get; set; }

    protected override void ProcessRecord()
    {
        GpuOfferingRequest request;
        try
        {
            GpuOfferingRequest.ValidateAzurePricesUrl(AzurePricesUrl);
            request = GpuOfferingRequest.Create(GpuModel, Provider?.Select(p => p.ToString()), Region, InstanceType, MinGpuCount, MinGpuMemoryGiB,
                MaxPricePerGpuHour, PricingModel.ToString(), Currency, ExchangeRate, IncludeUnpriced, Source.ToString(), WriteWarning);
        }
        catch (AwsWikiException e)
        {
            ThrowFailure(e, e.Target);
            return;
        }

        var failedRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<GpuCatalogEntry> entries = GpuCatalog.Entries;
        if (request.Live)
        {
            var runner = new LiveOfferingRunner(this, request);
            entries = runner.Run();
            failedRegions = runner.FailedRegions;
        }

        WarnAboutEmptyRegions(request, entries, failedRegions);
        var offerings = GpuOfferingQuery.Run(request, entries);
        foreach (var message in GpuOfferingExplainer.Explain(request, entries, offerings.Count, request.Live ? "live query" : "catalog"))
        {
            WriteWarning(message);
        }

        foreach (var offering in offerings)
        {
            WriteObject(offering);
        }
    }

    private void WarnAboutEmptyRegions(GpuOfferingRequest request, IReadOnlyCollection<GpuCatalogEntry> entries, ISet<string> failedRegions)
    {
        foreach (var region in request.Regions.Where(r => !r.HasWildcard && !failedRegions.Contains(r.Pattern)))
        {
            foreach (var provider in request.Providers.Where(p => p == GpuOfferingRequest.Aws ? KnownRegions.IsAws(region.Pattern) : KnownRegions.IsAzure(region.Pattern)))
            {
                if (!entries.Any(e => e.Provider == provider && region.IsMatch(e.Region)))
                {
                    WriteWarning($"The {(request.Live ? "live query" : "catalog")} has no {provider} offerings in {region.Pattern}.");
                }
            }
        }
    }

    internal AwsWiki.Aws.AwsContext ResolveFor(string? region) => ResolveContext(region);

    internal System.Threading.CancellationToken Token => CancelToken;

    internal IActivityReporter ActivityReporter => Reporter;

    internal T Wait<T>(System.Threading.Tasks.Task<T> task) => Await(task);

    internal void Fail(Exception e, object? target) => WriteFailure(e, target);
}
