using System;

namespace AwsWiki.Gpu;

/// <summary>
/// How an AWS type's GPUs reach each other, from AWS's published topology (EC2 reports no such
/// field). p3.8xlarge/16xlarge and p3dn are NVLink meshes; p4 and later P types use NVSwitch.
/// </summary>
internal static class AwsGpuInterconnect
{
    private static readonly string[] NvSwitchFamilies = { "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300", "p6e-gb200" };
    private static readonly string[] NvLinkTypes = { "p3.8xlarge", "p3.16xlarge", "p3dn.24xlarge" };

    public static string For(string instanceType)
    {
        var type = instanceType.ToLowerInvariant();
        var family = type.Split('.')[0];
        if (Array.IndexOf(NvSwitchFamilies, family) >= 0)
        {
            return "NVSwitch";
        }

        if (Array.IndexOf(NvLinkTypes, type) >= 0)
        {
            return "NVLink";
        }

        // One GPU (p3.2xlarge) or the g families' cards: only PCIe to the host.
        var series = InstanceTypeNameParser.TryParse(type)?.Series;
        return type == "p3.2xlarge" || series is "g" or "gr" ? "PCIe" : "Unknown";
    }
}
