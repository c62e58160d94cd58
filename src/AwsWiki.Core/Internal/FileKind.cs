using System.IO;

namespace AwsWiki.Internal;

/// <summary>What a path names, looked at before it is read, so a directory or a symlink loop gets its own error, not an IOException.</summary>
internal enum FileKind
{
    File,
    Missing,
    Directory,
    SymlinkLoop,
}

internal static class FileKinds
{
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (File.Exists(path))
        {
            return FileKind.File;
        }

        // Not there to stat: a dangling link is missing; a link that never ends is a loop.
        return AtomicFile.IsLinkLoop(path) ? FileKind.SymlinkLoop : FileKind.Missing;
    }
}
