using System;
using System.IO;
using System.Text;

namespace AwsWiki.Internal;

/// <summary>
/// Replaces a file's contents so that readers see either the old file or the new one, never a
/// half-written one: write a temporary file in the same folder, then rename it over the target.
/// </summary>
internal static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static string? ReadAllText(string path)
    {
        return File.Exists(path) ? File.ReadAllText(path, Utf8NoBom) : null;
    }

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

    public static void WriteAllText(string path, string content)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        EnsureDirectory(directory);

        // A new file is owner-only; an existing one keeps the permissions it had.
        var mode = File.Exists(fullPath) ? UnixPermissions.Get(fullPath) : UnixPermissions.OwnerReadWrite;
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

                var bytes = Utf8NoBom.GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(fullPath))
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
