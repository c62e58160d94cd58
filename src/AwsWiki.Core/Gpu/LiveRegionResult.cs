using System;
using System.Collections.Generic;

namespace AwsWiki.Gpu;

/// <summary>What one provider region contributed to a live query: entries, or the failure that stopped it.</summary>
public sealed class LiveRegionResult
{
    public LiveRegionResult(string provider, string region, IReadOnlyList<GpuCatalogEntry> entries, Exception? error = null)
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

    public Exception? Error { get; }
}
