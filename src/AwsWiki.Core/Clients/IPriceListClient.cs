using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>AWS Price List Query API (service "pricing").</summary>
internal interface IPriceListClient
{
    /// <summary>GetProducts with TERM_MATCH filters, every page; each item is one price list JSON document.</summary>
    Task<IReadOnlyList<string>> GetProductsAsync(string serviceCode, IReadOnlyList<KeyValuePair<string, string>> termMatchFilters,
        CancellationToken cancellationToken);
}
