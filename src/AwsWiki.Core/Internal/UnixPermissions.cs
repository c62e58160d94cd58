using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AwsWiki.Internal;

/// <summary>
/// Reads and sets Unix permission bits. The module targets netstandard2.0, which has no API for
/// this; .NET 7+ (every pwsh 7.4+) has File.GetUnixFileMode/SetUnixFileMode, found once by
/// reflection. On Windows, or a runtime without them, this does nothing.
/// </summary>
internal static class UnixPermissions
{
    public const int OwnerReadWrite = 0x180; // 0600
    public const int OwnerOnlyDirectory = 0x1C0; // 0700

    private static readonly Lazy<(MethodInfo Get, MethodInfo Set, Type ModeType)?> Api = new(FindApi);

    public static bool IsSupported => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Api.Value is not null;

    public static int? Get(string path)
    {
        if (!IsSupported)
        {
            return null;
        }

        return Convert.ToInt32(Api.Value!.Value.Get.Invoke(null, new object[] { path }));
    }

    public static void SetFile(string path, int mode)
    {
        if (IsSupported)
        {
            var api = Api.Value!.Value;
            api.Set.Invoke(null, new[] { path, Enum.ToObject(api.ModeType, mode) });
        }
    }

    /// <summary>File.SetUnixFileMode works on folders too.</summary>
    public static void SetDirectory(string path, int mode) => SetFile(path, mode);

    private static (MethodInfo, MethodInfo, Type)? FindApi()
    {
        var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
        if (modeType is null)
        {
            return null;
        }

        var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        var set = typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
        if (get is null || set is null)
        {
            return null;
        }

        return (get, set, modeType);
    }
}
