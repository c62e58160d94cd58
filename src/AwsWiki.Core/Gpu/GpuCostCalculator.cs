using System;

namespace AwsWiki.Gpu;

/// <summary>Cost arithmetic for Measure-GpuCost: a month is 730 hours, a year 8,760.</summary>
public static class GpuCostCalculator
{
    public const double HoursPerDay = 24;
    public const double HoursPerMonth = 730;
    public const double HoursPerYear = 8760;

    public static double ToHours(double amount, string unit)
    {
        if (amount < 0 || double.IsNaN(amount) || double.IsInfinity(amount))
        {
            throw new AwsWikiException("InvalidDuration", FailureKind.InvalidArgument, amount, $"The duration must be 0 or more, not {amount} {unit}.");
        }

        var hours = Multiply(amount, unit);
        if (double.IsInfinity(hours))
        {
            throw new AwsWikiException("InvalidDuration", FailureKind.InvalidArgument, amount, $"{amount} {unit} is too long to count in hours.");
        }

        return hours;
    }

    private static double Multiply(double amount, string unit)
    {
        return unit switch
        {
            "Hours" => amount,
            "Days" => amount * HoursPerDay,
            "Months" => amount * HoursPerMonth,
            "Years" => amount * HoursPerYear,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Hours, Days, Months or Years."),
        };
    }

    public static void ValidateGpuCount(int gpuCount)
    {
        if (gpuCount < 1)
        {
            throw new AwsWikiException("InvalidGpuCount", FailureKind.InvalidArgument, gpuCount, $"-GpuCount must be 1 or more, not {gpuCount}.");
        }
    }

    /// <param name="target">Names the offering in errors.</param>
    public static GpuCostEstimate Estimate(string provider, string instanceType, string region, string gpuModel, string pricingModel,
        double? hourlyPrice, int gpusPerInstance, string currency, int gpuCount, double hours)
    {
        var target = $"{provider} {instanceType} {region}".Trim();
        if (hourlyPrice is not { } price)
        {
            throw new AwsWikiException("OfferingUnpriced", FailureKind.InvalidData, target,
                $"{target} has no {pricingModel} price, so its cost cannot be measured.");
        }

        if (price < 0 || double.IsNaN(price) || double.IsInfinity(price))
        {
            throw new AwsWikiException("InvalidHourlyPrice", FailureKind.InvalidData, target,
                $"{target} has the hourly price {price}; a price must be a finite number, 0 or more.");
        }

        if (gpusPerInstance < 1)
        {
            throw new AwsWikiException("OfferingWithoutWholeGpu", FailureKind.InvalidData, target,
                $"{target} has {gpusPerInstance} whole GPUs per instance (a fractional GPU size?), so GPU counts cannot be mapped to instances.");
        }

        var instances = (int)Math.Ceiling(gpuCount / (double)gpusPerInstance);
        var total = price * instances * hours;
        if (double.IsInfinity(total))
        {
            throw new AwsWikiException("CostOverflow", FailureKind.InvalidData, target,
                $"{instances} x {target} at {price} {currency}/h for {hours} hours costs more than a number can hold.");
        }

        return new GpuCostEstimate
        {
            Provider = provider,
            InstanceType = instanceType,
            Region = region,
            GpuModel = gpuModel,
            GpusPerInstance = gpusPerInstance,
            PricingModel = pricingModel,
            HourlyPrice = price,
            Instances = instances,
            GpuCount = gpuCount,
            Hours = hours,
            TotalCost = total,
            CostPerGpuHour = hours > 0 ? total / gpuCount / hours : price * instances / gpuCount,
            Currency = currency,
        };
    }
}
