using System;
using System.Collections.Generic;

namespace AwsWiki.Gpu;

/// <summary>What one provider region contributed to a live query: entries, or the failure that stopped it.</summary>
internal sealed class LiveRegionResult
{
    public LiveRegionResult(string provider, string region, IReadOnlyList<GpuCatalogEntry> entries, AwsWikiException? error = null)
    {
        Provider = provider;
        Region = region;
        Entries = entries;
        Error = error;
    }

    public string Provider { get; }

    /// <summary>"*" for an Azure query over every region.</summary>
    public string Region { get; }

    public IReadOnlyList<GpuCatalogEntry> Entries { get; }

    /// <summary>
    /// Why the region failed (RegionQueryFailed in the cause's category; a timeout stays
    /// RequestTimedOut), naming the region; null when it did not. A failing optional
    /// signal (the Price List) is a warning, not an error.
    /// </summary>
    public AwsWikiException? Error { get; }

    /// <summary>A fan-out's error with the region as its target (what -ErrorVariable users filter on), the same id, category and message.</summary>
    internal static AwsWikiException? AtRegion(AwsWikiException? error, string? region) =>
        error is null || region is null ? error : new AwsWikiException(error.ErrorId, error.Kind, region, error.Message, error.InnerException);
}
