using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu.Quotas;

/// <summary>
/// An EC2 instance family with a vCPU quota of its own, and its two quota codes (service code ec2).
/// Quotas are matched by code, never by name: the names change, the codes do not.
/// </summary>
public sealed class GpuQuotaFamily
{
    public static readonly GpuQuotaFamily P = new("P", "L-417A185B", "L-7212CCBC");
    public static readonly GpuQuotaFamily G = new("G", "L-DB2E81BA", "L-3819A6DF");
    public static readonly GpuQuotaFamily DL = new("DL", "L-6E869C2A", "L-85EED4F7");
    public static readonly GpuQuotaFamily Trn = new("Trn", "L-2C3B7624", "L-6B0D517C");
    public static readonly GpuQuotaFamily Inf = new("Inf", "L-1945791B", "L-B5D1601B");
    public static readonly GpuQuotaFamily F = new("F", "L-74FC7D96", "L-88CF9481");

    public const string ServiceCode = "ec2";

    /// <summary>Longest prefix first: "dl" before nothing, "inf" and "trn" before their one-letter cousins.</summary>
    private static readonly (string Prefix, GpuQuotaFamily Family)[] Prefixes =
    {
        ("dl", DL), ("trn", Trn), ("inf", Inf), ("vt", G), ("g", G), ("p", P), ("f", F),
    };

    private GpuQuotaFamily(string name, string onDemandCode, string spotCode)
    {
        Name = name;
        OnDemandCode = onDemandCode;
        SpotCode = spotCode;
    }

    public static IReadOnlyList<GpuQuotaFamily> All { get; } = new[] { P, G, DL, Trn, Inf, F };

    /// <summary>P, G (G and VT share one quota), DL, Trn, Inf, F.</summary>
    public string Name { get; }

    /// <summary>Running On-Demand instances of the family, in vCPUs.</summary>
    public string OnDemandCode { get; }

    /// <summary>All Spot Instance Requests of the family, in vCPUs.</summary>
    public string SpotCode { get; }

    public string CodeFor(bool spot) => spot ? SpotCode : OnDemandCode;

    /// <summary>The family of an instance type name (p4d.24xlarge is P, g6e.xlarge and vt1.3xlarge are G); null for other types.</summary>
    public static GpuQuotaFamily? Of(string instanceType)
    {
        var family = instanceType.Trim().ToLowerInvariant();
        var dot = family.IndexOf('.');
        family = dot < 0 ? family : family.Substring(0, dot);
        foreach (var (prefix, quota) in Prefixes)
        {
            // The prefix must be followed by the generation digit: "g6e" is G, "gr6" is G, "graviton" would not be.
            if (family.StartsWith(prefix, StringComparison.Ordinal) && family.Length > prefix.Length
                && (char.IsDigit(family[prefix.Length]) || (prefix == "g" && family[1] == 'r' && family.Length > 2 && char.IsDigit(family[2]))))
            {
                return quota;
            }
        }

        return null;
    }

    /// <summary>A family by the name -Family takes (VT is G's quota); null when unknown.</summary>
    public static GpuQuotaFamily? Named(string name) =>
        string.Equals(name, "VT", StringComparison.OrdinalIgnoreCase)
            ? G
            : All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The family whose on-demand or spot quota has this code, and which of the two it is.</summary>
    public static (GpuQuotaFamily Family, bool Spot)? ByCode(string quotaCode)
    {
        foreach (var family in All)
        {
            if (family.OnDemandCode == quotaCode)
            {
                return (family, false);
            }

            if (family.SpotCode == quotaCode)
            {
                return (family, true);
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
