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

        // Before File.Exists, which answers true for a link in a loop (.NET falls back to the link itself).
        if (AtomicFile.IsLinkLoop(path))
        {
            return FileKind.SymlinkLoop;
        }

        // A dangling link is missing (a write creates its target, as the AWS CLI would).
        return File.Exists(path) && File.Exists(AtomicFile.FinalTarget(path)) ? FileKind.File : FileKind.Missing;
    }
}
