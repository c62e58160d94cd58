using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>
/// Says in words why a query found less than asked: a -GpuModel or -InstanceType pattern that
/// matches nothing (with close names), or an empty result because of the price model or cap.
/// </summary>
internal static class GpuOfferingExplainer
{
    public static IReadOnlyList<string> Explain(GpuOfferingRequest request, IReadOnlyCollection<GpuCatalogEntry> entries, int resultCount,
        string sourceName)
    {
        var messages = new List<string>();
        var ofProviders = entries.Where(e => request.Wants(e.Provider)).ToList();
        Unmatched(messages, "-GpuModel", request.GpuModels, ofProviders.Select(e => e.GpuModel).ToList(), sourceName);
        Unmatched(messages, "-InstanceType", request.InstanceTypes, ofProviders.Select(e => e.InstanceType).ToList(), sourceName);
        if (resultCount > 0 || messages.Count > 0)
        {
            return messages;
        }

        var matching = entries.Where(request.MatchesSpec).ToList();
        if (matching.Count == 0)
        {
            return messages; // the region warnings, or an honest empty filter, say the rest
        }

        var priced = matching.Where(e => e.HourlyPrices.ContainsKey(request.PricingModel)).ToList();
        if (priced.Count == 0 && !request.IncludeUnpriced)
        {
            var held = matching.SelectMany(e => e.HourlyPrices.Keys).Distinct().OrderBy(m => m).Select(m => m.ToString()).ToList();
            messages.Add($"{matching.Count} offerings match, but the {sourceName} has no {request.PricingModel} price for any of them" +
                (held.Count > 0 ? $" (it has {string.Join(" and ", held)} prices)" : string.Empty) +
                "; -IncludeUnpriced lists them without a price.");
        }
        else if (request.MaxPricePerGpuHour is { } max && priced.Count > 0)
        {
            var cheapest = priced.Where(e => e.GpuCount > 0).Select(e => GpuOfferingQuery.ToOffering(e, request).PricePerGpuHour).Min();
            messages.Add($"{priced.Count} offerings match, but none costs {max.ToString(CultureInfo.InvariantCulture)} {request.Currency} " +
                $"per GPU-hour or less; the cheapest costs {cheapest?.ToString("0.####", CultureInfo.InvariantCulture)}.");
        }

        return messages;
    }

    private static void Unmatched(List<string> messages, string parameter, IReadOnlyList<GlobPattern> patterns, IReadOnlyList<string> known,
        string sourceName)
    {
        foreach (var pattern in patterns.Where(p => !known.Any(p.IsMatch)))
        {
            var close = CloseNames.Find(pattern.Pattern, known);
            messages.Add($"{parameter} '{UserText.Show(pattern.Pattern)}' matches nothing in the {sourceName}." +
                (close.Count > 0 ? $" Close matches: {string.Join(", ", close)}." : string.Empty));
        }
    }
}
