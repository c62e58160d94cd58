using System;
using System.IO;
using System.Reflection;
using System.Text;

namespace AwsWiki.Internal;

/// <summary>
/// Replaces a file's contents so that readers see either the old file or the new one, never a
/// half-written one: write a temporary file next to the real file, then rename it over it. A
/// symbolic link is followed: its final target is replaced and the link stays a link (dotfile
/// managers keep ~/.aws/credentials as a link into their repository).
/// </summary>
internal static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // FileSystemInfo.LinkTarget exists from .NET 6 (every pwsh 7.2+); netstandard2.0 cannot name it.
    private static readonly PropertyInfo? LinkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget");

    public static byte[]? ReadAllBytes(string path)
    {
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public static string? ReadAllText(string path)
    {
        return File.Exists(path) ? File.ReadAllText(path, Utf8NoBom) : null;
    }

    public static void WriteAllText(string path, string content) => WriteAllBytes(path, Utf8NoBom.GetBytes(content));

    /// <summary>Creates the folder owner-only (0700) when it does not exist yet.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory);
        if (!string.IsNullOrEmpty(parent))
        {
            EnsureDirectory(parent!);
        }

        Directory.CreateDirectory(directory);
        UnixPermissions.SetDirectory(directory, UnixPermissions.OwnerOnlyDirectory);
    }

    /// <summary>The file a path finally names: the target of a (chain of) symbolic link(s), even a dangling one, else the path itself.</summary>
    public static string FinalTarget(string path)
    {
        var current = Path.GetFullPath(path);
        for (var hop = 0; LinkTarget is not null && hop < 40; hop++)
        {
            if (LinkTarget.GetValue(new FileInfo(current)) is not string target)
            {
                break;
            }

            current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, target));
        }

        return current;
    }

    /// <summary>True when following the path's links never reaches a file that is not a link (a loop, or a chain past 40 hops).</summary>
    public static bool IsLinkLoop(string path)
    {
        if (LinkTarget is null)
        {
            return false;
        }

        var current = Path.GetFullPath(path);
        for (var hop = 0; hop < 40; hop++)
        {
            if (LinkTarget.GetValue(new FileInfo(current)) is not string target)
            {
                return false;
            }

            current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, target));
        }

        return true;
    }

    public static void WriteAllBytes(string path, byte[] content)
    {
        var fullPath = FinalTarget(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        EnsureDirectory(directory);

        // A new file is owner-only; an existing one keeps its permissions and, where we may, its owner.
        var exists = File.Exists(fullPath);
        var mode = exists ? UnixPermissions.Get(fullPath) : UnixPermissions.OwnerReadWrite;
        var owner = exists ? UnixOwnership.Get(fullPath) : null;
        var temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // Restrict before any byte of a secret lands in the file.
                if (mode is int m)
                {
                    UnixPermissions.SetFile(temp, m);
                }

                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            if (owner is { } o)
            {
                UnixOwnership.Set(temp, o.Uid, o.Gid);
            }

            if (exists)
            {
                File.Replace(temp, fullPath, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, fullPath);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
