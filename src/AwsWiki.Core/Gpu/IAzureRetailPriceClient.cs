using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Gpu;

/// <summary>The public Azure Retail Prices API (no authentication).</summary>
internal interface IAzureRetailPriceClient
{
    /// <summary>Every item matching an OData $filter, following NextPageLink.</summary>
    Task<IReadOnlyList<AzureRetailPrice>> GetPricesAsync(string filter, string currencyCode, CancellationToken cancellationToken);
}
