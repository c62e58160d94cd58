using System.Reflection;
using Amazon.Runtime;

namespace AwsWiki.Credentials;

/// <summary>
/// What -Credential and $StoredAWSCredentials may hold: AwsWiki's own SDK credentials, AWS Tools'
/// credentials of either SDK major version (foreign types, read by reflection), or AWS Tools'
/// wrapper (AWSPSCredentials, whose Credentials property holds one of those).
/// </summary>
internal static class CredentialObjects
{
    /// <summary>Names what is expected, for error messages.</summary>
    public const string Expected =
        "an AWS credentials object: an Amazon.Runtime.AWSCredentials of the AWS SDK for .NET v3 or v4 " +
        "(what AWS Tools' Get-AWSCredential and New-AWSCredential return) or AWS Tools' AWSPSCredentials " +
        "(what Set-AWSCredential stores in $StoredAWSCredentials)";

    /// <summary>True when <paramref name="value"/> can be used as credentials.</summary>
    public static bool IsSupported(object? value) => value is not null && TryAdapt(value, out _, out _);

    /// <summary>Our credentials for <paramref name="value"/>, and where they came from in words.</summary>
    internal static bool TryAdapt(object value, out AWSCredentials credentials, out string description)
    {
        value = Unwrap(value);
        if (value is AWSCredentials own)
        {
            credentials = own;
            description = own.GetType().Name;
            return true;
        }

        var foreign = ForeignAwsCredentials.TryWrap(value);
        if (foreign is not null)
        {
            credentials = foreign;
            description = foreign.Description;
            return true;
        }

        // AWS Tools' AWSPSCredentials: the credentials are one property down.
        var inner = value.GetType().GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value);
        if (inner is not null && !ReferenceEquals(inner, value) && TryAdapt(inner, out credentials, out var innerDescription))
        {
            description = $"{value.GetType().Name} holding {innerDescription}";
            return true;
        }

        credentials = null!;
        description = value.GetType().FullName ?? value.GetType().Name;
        return false;
    }

    /// <summary>A PowerShell PSObject's base object, found by name: this assembly does not reference PowerShell.</summary>
    internal static object Unwrap(object value) =>
        value.GetType().FullName == "System.Management.Automation.PSObject"
            ? value.GetType().GetProperty("BaseObject")?.GetValue(value) ?? value
            : value;
}
