using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsWiki.EntryPoint;

/// <summary>Rules for domain names, certificate coverage and the names derived from a domain.</summary>
public static class DomainNames
{
    private static readonly Regex Label = new("^(?!-)[a-z0-9-]{1,63}(?<!-)$", RegexOptions.CultureInvariant);
    private static readonly Regex ElbName = new("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>Lower case, no trailing dot; throws "InvalidDomainName" for anything that is not a host name with at least two labels.</summary>
    public static string Normalize(string? domainName)
    {
        var name = (domainName ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        var labels = name.Split('.');
        if (name.Length == 0 || name.Length > 253 || labels.Length < 2 || !labels.All(l => Label.IsMatch(l)) || labels[labels.Length - 1].All(char.IsDigit))
        {
            throw Errors.InvalidDomainName.New(domainName, domainName);
        }

        return name;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or lies under it.</summary>
    public static bool IsWithin(string name, string zone) => name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    /// <summary>True when a certificate name (possibly a wildcard "*.example.com") covers the host name.</summary>
    public static bool Covers(string certificateName, string name)
    {
        var pattern = certificateName.TrimEnd('.').ToLowerInvariant();
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var dot = name.IndexOf('.');
            return dot > 0 && name.Substring(dot + 1) == pattern.Substring(2);
        }

        return pattern == name;
    }

    /// <summary>
    /// The default name of the load balancer and target group: readable, unique per domain (a hash
    /// suffix), and within ELB's 32-character limit of letters, digits and hyphens.
    /// </summary>
    public static string DefaultResourceName(string domainName)
    {
        string hash;
        using (var sha = SHA256.Create())
        {
            hash = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(domainName)).Take(3).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var readable = Regex.Replace(domainName.Replace('.', '-'), "[^a-z0-9-]", string.Empty);
        readable = readable.Length > 25 ? readable.Substring(0, 25) : readable;
        return readable.Trim('-') + "-" + hash;
    }

    /// <summary>Throws "InvalidName" unless the name is acceptable to ELB for a load balancer and a target group.</summary>
    public static string ValidateResourceName(string name)
    {
        if (!ElbName.IsMatch(name) || name.StartsWith("internal-", StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.InvalidName.New(name, name);
        }

        return name;
    }

    /// <summary>
    /// The ACM idempotency token for the domain's certificate: the same for every run, on any machine,
    /// for this account, region and domain, so concurrent requests within ACM's hour get one
    /// certificate. ACM allows at most 32 word characters: "aw" and 30 hex digits of a SHA-256.
    /// </summary>
    public static string IdempotencyToken(string account, string region, string domainName)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes("awswiki|" + account + "|" + region + "|" + domainName));
        return "aw" + string.Concat(bytes.Take(15).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The region in an ARN (arn:partition:service:region:account:resource), or null.</summary>
    public static string? RegionOfArn(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" ? parts[3] : null;
    }
}
