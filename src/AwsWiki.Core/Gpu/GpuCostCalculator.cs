using System;
using System.Linq;

namespace AwsWiki.Gpu;

/// <summary>Cost arithmetic for Measure-GpuCost: a month is 730 hours, a year 8,760.</summary>
internal static class GpuCostCalculator
{
    public const double HoursPerDay = 24;
    public const double HoursPerMonth = 730;
    public const double HoursPerYear = 8760;

    public static double ToHours(double amount, string unit)
    {
        if (amount < 0 || double.IsNaN(amount) || double.IsInfinity(amount))
        {
            throw Errors.InvalidDuration.New(amount, amount, unit);
        }

        var hours = Multiply(amount, unit);
        if (double.IsInfinity(hours))
        {
            throw Errors.InvalidDuration.New(amount, amount, unit);
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

    /// <summary>The most GPUs one estimate counts (and what keeps instance counts within an int).</summary>
    public const int MaxGpuCount = 1_000_000;

    /// <summary>-GpuCount as a whole number from 1 to <see cref="MaxGpuCount"/>: NaN, 2.5 or 1e12 are refused, never rounded.</summary>
    public static int ValidateGpuCount(double gpuCount)
    {
        if (!(gpuCount >= 1 && gpuCount <= MaxGpuCount) || Math.Floor(gpuCount) != gpuCount)
        {
            throw Errors.InvalidGpuCount.New(gpuCount, gpuCount);
        }

        return (int)gpuCount;
    }

    /// <summary>
    /// An offering's GPUs per instance: missing or 0 is a fractional size (OfferingWithoutWholeGpu
    /// later); NaN, infinite, negative or not whole is a bad property, never rounded.
    /// </summary>
    public static int GpusPerInstance(double? value, string property, object? target)
    {
        if (value is not { } count)
        {
            return 0;
        }

        if (double.IsNaN(count) || double.IsInfinity(count) || count < 0 || count > MaxGpuCount || Math.Floor(count) != count)
        {
            throw Errors.InvalidOfferingProperty.New(target, property, count, "a whole number of GPUs, 0 or more");
        }

        return (int)count;
    }

    /// <summary>The offering's currency: USD when it has none; an empty or malformed one is refused (never taken for USD).</summary>
    public static string Currency(string? value, object? target)
    {
        if (value is null)
        {
            return "USD";
        }

        var code = value.Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            throw Errors.OfferingCurrencyEmpty.New(target, target);
        }

        if (code.Length != 3 || !code.All(c => c >= 'A' && c <= 'Z'))
        {
            throw Errors.InvalidOfferingProperty.New(target, "Currency", value, "a three-letter currency code");
        }

        return code;
    }

    /// <param name="target">Names the offering in errors.</param>
    public static GpuCostEstimate Estimate(string provider, string instanceType, string region, string gpuModel, string pricingModel,
        double? hourlyPrice, int gpusPerInstance, string currency, int gpuCount, double hours)
    {
        var target = $"{provider} {instanceType} {region}".Trim();
        if (hourlyPrice is not { } price)
        {
            throw Errors.OfferingUnpriced.New(target, target, pricingModel);
        }

        if (price < 0 || double.IsNaN(price) || double.IsInfinity(price))
        {
            throw Errors.InvalidHourlyPrice.New(target, target, price);
        }

        if (gpusPerInstance < 1)
        {
            throw Errors.OfferingWithoutWholeGpu.New(target, target, gpusPerInstance);
        }

        var instances = (int)Math.Ceiling(gpuCount / (double)gpusPerInstance);
        var total = price * instances * hours;
        if (double.IsInfinity(total))
        {
            throw Errors.CostOverflow.New(target, instances, target, price, currency, hours);
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
