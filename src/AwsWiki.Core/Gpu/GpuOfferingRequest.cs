using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsWiki.Gpu;

/// <summary>What Get-GpuInstanceOffering was asked for, validated before anything is queried.</summary>
public sealed class GpuOfferingRequest
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
                    ?? throw Invalid("UnknownProvider", provider, $"Unknown provider '{provider}'. Use AWS or Azure.");
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
                ?? throw Invalid("UnknownPricingModel", pricingModel, $"Unknown pricing model '{pricingModel}'. Use OnDemand, Spot, Reserved1Yr or Reserved3Yr.");
        }

        request.Live = (source ?? "Catalog").Trim().ToLowerInvariant() switch
        {
            "catalog" => false,
            "live" => true,
            _ => throw Invalid("UnknownSource", source, $"Unknown source '{source}'. Use Catalog or Live."),
        };

        if (minGpuCount < 0)
        {
            throw Invalid("NegativeMinGpuCount", minGpuCount, $"-MinGpuCount must be 0 or more, not {minGpuCount}.");
        }

        if (minGpuMemoryGiB < 0 || double.IsNaN(minGpuMemoryGiB))
        {
            throw Invalid("NegativeMinGpuMemory", minGpuMemoryGiB, $"-MinGpuMemoryGiB must be 0 or more, not {minGpuMemoryGiB}.");
        }

        if (maxPricePerGpuHour is < 0 || (maxPricePerGpuHour is { } max && double.IsNaN(max)))
        {
            throw Invalid("NegativeMaxPrice", maxPricePerGpuHour, $"-MaxPricePerGpuHour must be 0 or more, not {maxPricePerGpuHour}.");
        }

        request.MinGpuCount = minGpuCount;
        request.MinGpuMemoryGiB = minGpuMemoryGiB;
        request.MaxPricePerGpuHour = maxPricePerGpuHour;

        var code = (currency ?? "USD").Trim().ToUpperInvariant();
        if (!Regex.IsMatch(code, "^[A-Z]{3}$"))
        {
            throw Invalid("InvalidCurrency", currency, $"'{currency}' is not a three-letter currency code such as USD, KRW or EUR.");
        }

        if (exchangeRate is { } rate && (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            throw Invalid("InvalidExchangeRate", rate, $"-ExchangeRate must be a positive number of {code} per USD, not {rate}.");
        }

        if (code == "USD" && exchangeRate is { } given)
        {
            throw Invalid("ExchangeRateWithUsd", given,
                "-ExchangeRate converts USD prices into -Currency, and -Currency is USD, so it would change nothing. Give -Currency too, or leave -ExchangeRate out.");
        }

        // Azure's live API prices in any currency itself; the catalog and AWS know only USD.
        if (code != "USD" && exchangeRate is null && (!request.Live || request.Wants(Aws)))
        {
            throw Invalid("ExchangeRateRequired", code,
                $"Prices are in USD {(request.Live ? "from AWS" : "in the catalog")}; give -ExchangeRate (units of {code} per USD) to show them in {code}" +
                (request.Live ? ", or ask only -Provider Azure, whose live API prices in any currency." : "."));
        }

        request.Currency = code;
        request.ExchangeRate = code == "USD" ? null : exchangeRate;

        request.GpuModels = GlobPattern.From(gpuModels);
        request.InstanceTypes = GlobPattern.From(instanceTypes);
        request.Regions = GlobPattern.From(regions);
        foreach (var region in request.Regions.Where(r => !r.HasWildcard))
        {
            if (!KnownRegions.IsAws(region.Pattern) && !KnownRegions.IsAzure(region.Pattern))
            {
                var close = KnownRegions.CloseMatches(region.Pattern);
                warn(close.Count > 0
                    ? $"'{region.Pattern}' is neither an AWS nor an Azure region. Close matches: {string.Join(", ", close)}."
                    : $"'{region.Pattern}' is neither an AWS nor an Azure region.");
                throw Invalid("UnknownRegion", region.Pattern, $"Unknown region '{region.Pattern}': neither AWS nor Azure has a region of that name." +
                    (close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : string.Empty));
            }
        }

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

    private static AwsWikiException Invalid(string errorId, object? target, string message) =>
        new(errorId, FailureKind.InvalidArgument, target, message);
}
