using System;
using System.Collections.Generic;
using System.Linq;
using AwsWiki.Gpu;

namespace AwsWiki.Commands.Gpu;

/// <summary>
/// The cmdlet side of a live query: resolves the AWS context on the pipeline thread (credential
/// errors stop the call before anything is sent), runs the core query (regions from
/// <see cref="LiveOfferingRegions"/>, through the one fan-out engine), and writes each failed
/// region as one non-terminating error.
/// </summary>
internal sealed class LiveOfferingRunner
{
    private readonly GetGpuInstanceOfferingCommand _cmdlet;
    private readonly GpuOfferingRequest _request;

    public LiveOfferingRunner(GetGpuInstanceOfferingCommand cmdlet, GpuOfferingRequest request)
    {
        _cmdlet = cmdlet;
        _request = request;
    }

    /// <summary>Provider regions whose query failed (already reported as errors).</summary>
    public HashSet<string> FailedRegions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<GpuCatalogEntry> Run()
    {
        AwsWiki.Aws.AwsContext? aws = null;
        IReadOnlyList<string> awsRegions = Array.Empty<string>();
        if (_request.Wants(GpuOfferingRequest.Aws))
        {
            var regions = LiveOfferingRegions.Aws(_request);
            if (regions is null || regions.Count > 0)
            {
                aws = _cmdlet.ResolveFor(regions?[0]);
                awsRegions = regions ?? new[] { aws.RegionName };
            }
        }

        AzureRetailPriceClient? azure = null;
        IReadOnlyList<string>? azureRegions = null;
        if (_request.Wants(GpuOfferingRequest.Azure))
        {
            azureRegions = LiveOfferingRegions.Azure(_request);
            if (azureRegions is null || azureRegions.Count > 0)
            {
                azure = new AzureRetailPriceClient(_cmdlet.AzurePricesUrl, timeout: TimeSpan.FromSeconds(_cmdlet.TimeoutSec));
            }
        }

        var source = new LiveGpuOfferingSource(aws, awsRegions, azure, azureRegions, _cmdlet.ActivityReporter);
        var results = _cmdlet.Wait(source.QueryAsync(_request, _cmdlet.Token));
        foreach (var failed in results.Where(r => r.Error is not null))
        {
            FailedRegions.Add(failed.Region);
            _cmdlet.Fail(failed.Error!, failed.Region);
        }

        return results.SelectMany(r => r.Entries).ToList();
    }
}
