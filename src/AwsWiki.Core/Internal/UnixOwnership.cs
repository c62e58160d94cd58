using System;
using System.Runtime.InteropServices;

namespace AwsWiki.Internal;

/// <summary>
/// Reads and sets a file's owner on Linux and macOS, so an atomic replace (a new file renamed over
/// the old one) keeps the owner when an administrator edits another user's files. Reading uses
/// the .NET runtime's own native shim (SystemNative_Stat, shipped with every .NET); setting uses
/// chown(2). Best effort: anything unavailable leaves the owner as the OS sets it.
/// </summary>
internal static class UnixOwnership
{
    public static (uint Uid, uint Gid)? Get(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        try
        {
            // FileStatus starts with Flags (int), Mode (int), Uid (uint), Gid (uint).
            var buffer = new byte[512];
            if (SystemNativeStat(path, buffer) != 0)
            {
                return null;
            }

            return (BitConverter.ToUInt32(buffer, 8), BitConverter.ToUInt32(buffer, 12));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static void Set(string path, uint uid, uint gid)
    {
        var current = Get(path);
        if (current is null || (current.Value.Uid == uid && current.Value.Gid == gid))
        {
            return;
        }

        try
        {
            // Fails with EPERM for anyone but root (or the owner changing the group): then the owner stays.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                _ = ChownLinux(path, uid, gid);
            }
            else
            {
                _ = ChownDarwin(path, uid, gid);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    private static extern int SystemNativeStat(string path, byte[] output);

    [DllImport("libc.so.6", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int ChownLinux(string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int ChownDarwin(string path, uint owner, uint group);
}
