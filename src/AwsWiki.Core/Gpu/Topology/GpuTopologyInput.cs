using System;
using System.IO;
using AwsWiki.Internal;

namespace AwsWiki.Gpu.Topology;

/// <summary>Checks for Get-GpuTopology's inputs before any parsing: files by kind, the instance type by name.</summary>
internal static class GpuTopologyInput
{
    /// <summary>The file's text; a directory, a symlink loop, a missing file or a denied read is its own error.</summary>
    public static string ReadFile(string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Directory:
                throw Errors.PathIsDirectory.New(path, path);
            case FileKind.SymlinkLoop:
                throw Errors.PathSymlinkLoop.New(path, path);
            case FileKind.Missing:
                throw Errors.PathNotFound.New(path, path);
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Errors.FileReadFailed.Wrap(e, path, path, "permission denied");
        }
        catch (IOException e)
        {
            throw Errors.FileReadFailed.Wrap(e, path, path, e.Message);
        }
    }

    /// <summary>-InstanceType must be a name EC2 could have: 'g5.' is refused, not judged against nothing.</summary>
    public static void ValidateInstanceType(string? instanceType)
    {
        if (instanceType is not null && InstanceTypeNameParser.TryParse(instanceType.Trim()) is null)
        {
            throw Capacity.GpuCapacityRequest.UnknownInstanceType(instanceType);
        }
    }
}
