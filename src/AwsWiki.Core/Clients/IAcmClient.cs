using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsWiki.Clients;

/// <summary>The AWS Certificate Manager operations AwsWiki uses; swappable for AWSSDK.CertificateManager.</summary>
internal interface IAcmClient
{
    /// <summary>The ARNs of the certificates in the given statuses (all statuses when none given).</summary>
    Task<IReadOnlyList<string>> ListCertificatesAsync(IEnumerable<string>? statuses, CancellationToken cancellationToken);

    /// <summary>The summaries of the certificates in the given statuses, all pages of up to 1,000.</summary>
    Task<IReadOnlyList<CertificateSummary>> ListCertificateSummariesAsync(IEnumerable<string>? statuses, CancellationToken cancellationToken);

    /// <summary>Null when the certificate does not exist.</summary>
    Task<CertificateDetail?> DescribeCertificateAsync(string certificateArn, CancellationToken cancellationToken);

    /// <summary>Requests a DNS-validated certificate. The token makes a repeated request return the same ARN.</summary>
    Task<string> RequestCertificateAsync(string domainName, string idempotencyToken, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> ListTagsForCertificateAsync(string certificateArn, CancellationToken cancellationToken);

    Task DeleteCertificateAsync(string certificateArn, CancellationToken cancellationToken);
}
