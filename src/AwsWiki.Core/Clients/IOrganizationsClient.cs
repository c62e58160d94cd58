using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>AWS Organizations (service "organizations"), the calls this module makes.</summary>
internal interface IOrganizationsClient
{
    /// <summary>ListAccounts, every page; callable from the management account or a delegated administrator.</summary>
    Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken);
}
