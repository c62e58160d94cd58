namespace AwsWiki.Instances;

/// <summary>The values of <see cref="AwsInstance.Lifecycle"/>, from EC2's InstanceLifecycle (absent means on-demand).</summary>
internal static class InstanceLifecycles
{
    public const string OnDemand = "OnDemand";
    public const string Spot = "Spot";
    public const string CapacityBlock = "CapacityBlock";

    public static string From(string? ec2Lifecycle) => ec2Lifecycle switch
    {
        "spot" => Spot,
        "capacity-block" => CapacityBlock,
        _ => OnDemand,
    };
}
