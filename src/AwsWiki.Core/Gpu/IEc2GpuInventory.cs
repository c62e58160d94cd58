using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu;

/// <summary>What a live query needs from EC2 in one region.</summary>
internal interface IEc2GpuInventory
{
    string Region { get; }

    /// <summary>Specs by type name; a null value is a type without GPUs or accelerators. names null means every type.</summary>
    Task<IReadOnlyDictionary<string, GpuCatalogEntry?>> DescribeInstanceTypesAsync(IReadOnlyList<string>? names, CancellationToken cancellationToken);

    /// <summary>Availability zone names by type.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DescribeZoneOfferingsAsync(CancellationToken cancellationToken);

    /// <summary>Lowest of the latest Linux/UNIX spot price in each zone, by type.</summary>
    Task<IReadOnlyDictionary<string, double>> LatestSpotPricesAsync(IReadOnlyList<string> instanceTypes, CancellationToken cancellationToken);
}
