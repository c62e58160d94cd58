using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>
/// Region names of both providers (public lists), so a mistyped region is caught before any
/// query, with close matches suggested, instead of quietly returning nothing.
/// </summary>
internal static class KnownRegions
{
    public static readonly IReadOnlyList<string> Aws = new[]
    {
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
        "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
        "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
    };

    public static readonly IReadOnlyList<string> Azure = new[]
    {
        "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
        "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2",
        "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
        "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral",
        "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
        "southafricanorth", "southafricawest", "southcentralus", "southindia", "southeastasia", "spaincentral", "swedencentral",
        "swedensouth", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus",
        "westeurope", "westindia", "westus", "westus2", "westus3",
    };

    public static bool IsAws(string region) => Aws.Contains(region, StringComparer.OrdinalIgnoreCase);

    public static bool IsAzure(string region) => Azure.Contains(region, StringComparer.OrdinalIgnoreCase);

    /// <summary>Names within a small edit distance, closest first.</summary>
    public static IReadOnlyList<string> CloseMatches(string region)
    {
        var lower = region.ToLowerInvariant();
        return Aws.Concat(Azure)
            .Select(name => (name, distance: CloseNames.Distance(lower, name)))
            .Where(c => c.distance <= Math.Max(2, lower.Length / 3))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Take(5).Select(c => c.name).ToList();
    }
}
