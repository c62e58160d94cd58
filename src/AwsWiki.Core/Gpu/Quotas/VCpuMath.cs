using System;

namespace AwsWiki.Gpu.Quotas;

/// <summary>
/// vCPU arithmetic of the quota checks, checked: a count or a type that overflows 32 bits is an
/// error that says so (VCpuCountOverflow), never a negative number that looks like room.
/// </summary>
public static class VCpuMath
{
    /// <summary>Count x the type's vCPUs.</summary>
    public static int Required(string instanceType, int count, int vcpusPerInstance)
    {
        try
        {
            return checked(count * vcpusPerInstance);
        }
        catch (OverflowException e)
        {
            throw Errors.VCpuCountOverflow.Wrap(e, instanceType, count, instanceType, vcpusPerInstance);
        }
    }

    /// <summary>What the quota must be for the instances in use plus the new ones.</summary>
    public static int Needed(string instanceType, int count, int used, int required)
    {
        try
        {
            return checked(used + required);
        }
        catch (OverflowException e)
        {
            throw Errors.VCpuCountOverflow.Wrap(e, instanceType, count, instanceType, required / Math.Max(count, 1));
        }
    }

    /// <summary>A quota value as Service Quotas gives it (a double) in whole vCPUs; larger than int can hold reads as int.MaxValue (no limit in practice).</summary>
    public static int FromQuota(double value) =>
        double.IsNaN(value) || value <= 0 ? 0 : value >= int.MaxValue ? int.MaxValue : (int)Math.Floor(value);

    /// <summary>Instances in use, summed in 64 bits and capped: usage is read, never asked for.</summary>
    public static int Sum(long total) => total > int.MaxValue ? int.MaxValue : (int)total;
}
