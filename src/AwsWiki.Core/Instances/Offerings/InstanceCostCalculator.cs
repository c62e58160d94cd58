using System;
using AwsWiki.Gpu;

namespace AwsWiki.Instances.Offerings;

/// <summary>Cost arithmetic for Measure-InstanceCost; durations as Measure-GpuCost counts them (a month is 730 h, a year 8,760 h).</summary>
internal static class InstanceCostCalculator
{
    public static double ToHours(double amount, string unit) => GpuCostCalculator.ToHours(amount, unit);

    public static void ValidateCount(int count)
    {
        if (count < 1)
        {
            throw Errors.InvalidInstanceCount.New(count, count);
        }
    }

    /// <param name="reason">Why the input has no price (Get-AwsInstance's UnpricedReason), for the error.</param>
    public static InstanceCostEstimate Estimate(string instanceType, string region, string instanceId, string accountId, string pricingModel,
        double? hourlyPrice, string currency, int count, double hours, string? reason = null)
    {
        var target = string.Join(" ", new[] { instanceId, instanceType, region }).Trim();
        if (hourlyPrice is not { } price)
        {
            throw Errors.InstanceUnpriced.New(target, target, pricingModel, string.IsNullOrEmpty(reason) ? string.Empty : " (" + reason + ")");
        }

        if (price < 0 || double.IsNaN(price) || double.IsInfinity(price))
        {
            throw Errors.InstanceUnpriced.New(target, target, pricingModel, $" (the hourly price {price} is not a finite number, 0 or more)");
        }

        var total = price * count * hours;
        return new InstanceCostEstimate
        {
            InstanceType = instanceType,
            Region = region,
            InstanceId = instanceId,
            AccountId = accountId,
            PricingModel = pricingModel,
            HourlyPrice = price,
            Count = count,
            Hours = hours,
            TotalCost = total,
            MonthlyCost = price * count * GpuCostCalculator.HoursPerMonth,
            Currency = currency,
        };
    }
}
