using System;
using System.IO;
using System.Reflection;

namespace AwsWiki.Loader;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework): no load contexts and no binding redirects for
/// powershell.exe. AWSSDK.Core asks for System.Text.Json 6.0.0.0, System.Memory 4.0.1.2 and others
/// while bin/Dependencies ships other versions; when the normal binder gives up, this hands over the
/// shipped file of that name. It answers only for files in the module's own folder, so it never
/// changes what another module gets.
/// </summary>
internal static class FrameworkDependencyResolver
{
    private static readonly object Gate = new();
    private static string? _folder;

    public static void Register(string dependencyFolder)
    {
        lock (Gate)
        {
            if (_folder is null)
            {
                _folder = dependencyFolder;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            if (_folder is not null)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _folder = null;
            }
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var folder = _folder;
        var name = new AssemblyName(args.Name).Name;
        if (folder is null || string.IsNullOrEmpty(name))
        {
            return null;
        }

        var path = Path.Combine(folder, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
