using System.Collections.Generic;

namespace AwsWiki.Clients;

/// <summary>The validation CNAME ACM asks for, for one name on a certificate.</summary>
/// <param name="RecordName">Without the trailing dot.</param>
public sealed record CertificateValidationRecord(string DomainName, string RecordName, string RecordType, string RecordValue, string? ValidationStatus);

/// <summary>DescribeCertificate's answer, the fields AwsWiki reads.</summary>
public sealed record CertificateDetail(
    string CertificateArn,
    string DomainName,
    IReadOnlyList<string> SubjectAlternativeNames,
    string Status,
    string? Type,
    IReadOnlyList<string> InUseBy,
    IReadOnlyList<CertificateValidationRecord> ValidationRecords);

/// <summary>ListCertificates' summary of one certificate: enough to pick candidates without describing each.</summary>
/// <param name="Names">DomainName and the subject alternative names the summary lists (up to 100).</param>
public sealed record CertificateSummary(string CertificateArn, IReadOnlyList<string> Names, string? Status);
