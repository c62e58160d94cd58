using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using AwsWiki.Gpu;

namespace AwsWiki.Instances;

/// <summary>Turns an EC2 instance into an <see cref="AwsInstance"/>, joined with the GPU catalog, its catalog price (<see cref="InstancePricing"/>) and SSM's ping status.</summary>
internal static class InstanceMapper
{
    private static readonly Lazy<Dictionary<string, GpuCatalogEntry>> SpecByType = new(() =>
        GpuCatalog.Entries.Where(e => e.Provider == GpuOfferingRequest.Aws)
            .GroupBy(e => e.InstanceType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    /// <param name="ssmStatus">Ping status by instance id; null when SSM could not be asked (the status stays empty).</param>
    public static AwsInstance Map(Instance instance, string? profileName, string? accountId, string region, string? roleArn,
        IReadOnlyDictionary<string, string>? ssmStatus, DateTime utcNow)
    {
        var tags = new InstanceTags();
        foreach (var tag in instance.Tags ?? new List<Tag>())
        {
            if (tag.Key is not null)
            {
                tags[tag.Key] = tag.Value ?? string.Empty;
            }
        }

        var type = instance.InstanceType?.Value;
        var state = instance.State?.Name?.Value;
        var launch = instance.LaunchTime?.ToUniversalTime();
        var result = new AwsInstance
        {
            ProfileName = profileName,
            AccountId = accountId,
            Region = region,
            AvailabilityZone = instance.Placement?.AvailabilityZone,
            AvailabilityZoneId = instance.Placement?.AvailabilityZoneId,
            InstanceId = instance.InstanceId,
            Name = tags.TryGetValue("Name", out var name) ? name : null,
            State = state,
            InstanceType = type,
            Lifecycle = InstanceLifecycles.From(instance.InstanceLifecycle?.Value),
            PrivateIpAddress = instance.PrivateIpAddress,
            PublicIpAddress = instance.PublicIpAddress,
            LaunchTime = launch,
            Uptime = state == "running" && launch is { } started && started <= utcNow ? TruncateToSeconds(utcNow - started) : null,
            KeyName = instance.KeyName,
            Platform = !string.IsNullOrEmpty(instance.PlatformDetails) ? instance.PlatformDetails
                : instance.Platform?.Value == "windows" ? "Windows" : "Linux/UNIX",
            Architecture = instance.Architecture?.Value,
            VpcId = instance.VpcId,
            SubnetId = instance.SubnetId,
            IamInstanceProfile = instance.IamInstanceProfile?.Arn,
            RoleArn = roleArn,
            Tags = tags,
            TagText = tags.ToString(),
        };

        if (ssmStatus is not null)
        {
            result.SsmPingStatus = ssmStatus.TryGetValue(result.InstanceId, out var ping) && ping.Length > 0 ? ping : "NotManaged";
        }

        if (type is not null)
        {
            if (SpecByType.Value.TryGetValue(type, out var spec))
            {
                result.GpuModel = spec.GpuModel;
                result.GpuCount = spec.GpuCount;
            }
        }

        InstancePricing.ApplyCatalog(result);
        return result;
    }

    private static TimeSpan TruncateToSeconds(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
}
