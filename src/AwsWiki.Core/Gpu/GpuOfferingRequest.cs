using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu;

/// <summary>What Get-GpuInstanceOffering was asked for, validated before anything is queried.</summary>
internal sealed class GpuOfferingRequest
{
    public const string Aws = "AWS";
    public const string Azure = "Azure";

    public IReadOnlyList<string> Providers { get; private set; } = new[] { Aws, Azure };

    public IReadOnlyList<GlobPattern> GpuModels { get; private set; } = Array.Empty<GlobPattern>();

    public IReadOnlyList<GlobPattern> Regions { get; private set; } = Array.Empty<GlobPattern>();

    public IReadOnlyList<GlobPattern> InstanceTypes { get; private set; } = Array.Empty<GlobPattern>();

    public int MinGpuCount { get; private set; }

    public double MinGpuMemoryGiB { get; private set; }

    public double? MaxPricePerGpuHour { get; private set; }

    public GpuPricingModel PricingModel { get; private set; }

    /// <summary>Upper-case ISO 4217 code.</summary>
    public string Currency { get; private set; } = "USD";

    /// <summary>Units of <see cref="Currency"/> per USD; null when the currency is USD or comes from the source.</summary>
    public double? ExchangeRate { get; private set; }

    public bool IncludeUnpriced { get; private set; }

    public bool Live { get; private set; }

    public bool Wants(string provider) => Providers.Contains(provider, StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks every argument; throws AwsWikiException with a specific ErrorId for the first bad one.</summary>
    /// <param name="warn">Receives the close-match hint for an unknown region.</param>
    public static GpuOfferingRequest Create(IEnumerable<string>? gpuModels, IEnumerable<string>? providers, IEnumerable<string>? regions,
        IEnumerable<string>? instanceTypes, int minGpuCount, double minGpuMemoryGiB, double? maxPricePerGpuHour, string? pricingModel,
        string? currency, double? exchangeRate, bool includeUnpriced, string? source, Action<string> warn)
    {
        var request = new GpuOfferingRequest { IncludeUnpriced = includeUnpriced };

        if (providers is not null)
        {
            var chosen = new List<string>();
            foreach (var provider in providers)
            {
                var known = new[] { Aws, Azure }.FirstOrDefault(p => p.Equals(provider?.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw Errors.UnknownProvider.New(provider, provider);
                if (!chosen.Contains(known))
                {
                    chosen.Add(known);
                }
            }

            request.Providers = chosen;
        }

        if (pricingModel is not null)
        {
            request.PricingModel = Enum.GetValues(typeof(GpuPricingModel)).Cast<GpuPricingModel>()
                .Where(m => m.ToString().Equals(pricingModel.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(m => (GpuPricingModel?)m).FirstOrDefault()
                ?? throw Errors.UnknownPricingModel.New(pricingModel, pricingModel);
        }

        request.Live = (source ?? "Catalog").Trim().ToLowerInvariant() switch
        {
            "catalog" => false,
            "live" => true,
            _ => throw Errors.UnknownSource.New(source, source),
        };

        if (minGpuCount < 0)
        {
            throw Errors.NegativeMinGpuCount.New(minGpuCount, minGpuCount);
        }

        if (minGpuMemoryGiB < 0 || double.IsNaN(minGpuMemoryGiB))
        {
            throw Errors.NegativeMinGpuMemory.New(minGpuMemoryGiB, minGpuMemoryGiB);
        }

        if (maxPricePerGpuHour is < 0 || (maxPricePerGpuHour is { } max && double.IsNaN(max)))
        {
            throw Errors.NegativeMaxPrice.New(maxPricePerGpuHour, maxPricePerGpuHour);
        }

        request.MinGpuCount = minGpuCount;
        request.MinGpuMemoryGiB = minGpuMemoryGiB;
        request.MaxPricePerGpuHour = maxPricePerGpuHour;

        var code = (currency ?? "USD").Trim().ToUpperInvariant();
        if (!Regex.IsMatch(code, "^[A-Z]{3}$"))
        {
            throw Errors.InvalidCurrency.New(currency, currency);
        }

        // Bounded so every converted price stays a finite number (1e308 would print Infinity); no currency trades past a million per USD.
        if (exchangeRate is { } rate && (!(rate > 0) || rate > MaxExchangeRate || double.IsInfinity(rate)))
        {
            throw Errors.InvalidExchangeRate.New(rate, rate, code);
        }

        if (code == "USD" && exchangeRate is { } given)
        {
            throw Errors.ExchangeRateWithUsd.New(given);
        }

        // Azure's live API prices in any currency itself; the catalog and AWS know only USD.
        if (code != "USD" && exchangeRate is null && (!request.Live || request.Wants(Aws)))
        {
            throw Errors.ExchangeRateRequired.New(code, code, request.Live ? "from AWS" : "in the catalog",
                request.Live ? ", or ask only -Provider Azure, whose live API prices in any currency" : string.Empty);
        }

        request.Currency = code;
        request.ExchangeRate = code == "USD" ? null : exchangeRate;

        request.GpuModels = GlobPattern.From(gpuModels, "-GpuModel");
        request.InstanceTypes = GlobPattern.From(instanceTypes, "-InstanceType");
        if (regions is not null && regions.Any(string.IsNullOrWhiteSpace))
        {
            throw Errors.EmptyRegion.New(string.Empty);
        }

        request.Regions = GlobPattern.From(regions, "-Region");
        foreach (var region in request.Regions.Where(r => !r.HasWildcard))
        {
            if (!KnownRegions.IsAws(region.Pattern) && !KnownRegions.IsAzure(region.Pattern))
            {
                var close = KnownRegions.CloseMatches(region.Pattern);
                warn(close.Count > 0
                    ? $"'{region.Pattern}' is neither an AWS nor an Azure region. Close matches: {string.Join(", ", close)}."
                    : $"'{region.Pattern}' is neither an AWS nor an Azure region.");
                throw Errors.UnknownRegion.New(region.Pattern, region.Pattern, "neither AWS nor Azure", close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : string.Empty);
            }
        }

        WarnAboutOtherProvidersRegions(request, warn);

        return request;
    }

    /// <summary>Everything but the price filter.</summary>
    public bool MatchesSpec(GpuCatalogEntry entry) =>
        Wants(entry.Provider)
        && GlobPattern.AnyMatch(Regions, entry.Region)
        && GlobPattern.AnyMatch(InstanceTypes, entry.InstanceType)
        && GlobPattern.AnyMatch(GpuModels, entry.GpuModel)
        && entry.GpuCount >= MinGpuCount
        && entry.GpuMemoryGiB >= MinGpuMemoryGiB;

    /// <summary>Units of a currency per USD past which a rate is a typo (and prices could overflow).</summary>
    public const double MaxExchangeRate = 1_000_000;

    /// <summary>
    /// An AWS region asked of Azure only (or the reverse) matches nothing: say why instead of
    /// returning no rows in silence. Azure names regions like eastus, AWS like us-east-1.
    /// </summary>
    private static void WarnAboutOtherProvidersRegions(GpuOfferingRequest request, Action<string> warn)
    {
        foreach (var region in request.Regions.Where(r => !r.HasWildcard))
        {
            if (!request.Wants(Aws) && KnownRegions.IsAws(region.Pattern) && !KnownRegions.IsAzure(region.Pattern))
            {
                warn($"'{UserText.Show(region.Pattern)}' is an AWS region, and only Azure was asked (-Provider Azure): Azure names its regions like eastus, westeurope or koreacentral, so it matches nothing.");
            }
            else if (!request.Wants(Azure) && KnownRegions.IsAzure(region.Pattern) && !KnownRegions.IsAws(region.Pattern))
            {
                warn($"'{UserText.Show(region.Pattern)}' is an Azure region, and only AWS was asked (-Provider AWS): AWS names its regions like us-east-1 or ap-northeast-2, so it matches nothing.");
            }
        }
    }

    /// <summary>Checks -AzurePricesUrl before anything is sent: an absolute http(s) URL, or nothing.</summary>
    public static void ValidateAzurePricesUrl(string? url)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(parsed.Host))
        {
            throw Errors.InvalidAzurePricesUrl.New(url, url);
        }
    }
}
