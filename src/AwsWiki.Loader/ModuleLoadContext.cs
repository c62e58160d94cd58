using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace AwsWiki.Loader;

/// <summary>
/// PowerShell 7: the module's own load context for AwsWiki.Core and everything it needs (the AWS
/// SDK above all). The default context asks for AwsWiki.Core by name (the cmdlets reference it);
/// the handler hands over this context's copy, and from there every dependency binds inside it.
/// Assemblies the runtime itself provides (System.*, netstandard) come from the default context,
/// so types such as Span&lt;T&gt; stay one type across the boundary.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string EntryDependency = "AwsWiki.Core";

    private static readonly object Gate = new();
    private static ModuleLoadContext? _instance;
    private static string? _folder;

    private readonly string _dependencyFolder;
    private readonly HashSet<string> _platformAssemblies;

    private ModuleLoadContext(string dependencyFolder)
    {
        _dependencyFolder = dependencyFolder;
        _platformAssemblies = PlatformAssemblyNames();
    }

    public static void Register(string dependencyFolder)
    {
        lock (Gate)
        {
            // A re-import (Import-Module -Force) keeps the first context: the assemblies it loaded cannot be unloaded.
            if (_folder is null)
            {
                _folder = dependencyFolder;
                Default.Resolving += ResolveEntryDependency;
            }
        }
    }

    public static void Unregister()
    {
        // The handler stays while AwsWiki.dll is loaded: cmdlet types already bound to it keep
        // resolving AwsWiki.Core from this context after Remove-Module and a later re-import.
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || _platformAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var path = Path.Combine(_dependencyFolder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static Assembly? ResolveEntryDependency(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, EntryDependency, StringComparison.Ordinal) || _folder is null)
        {
            return null;
        }

        lock (Gate)
        {
            _instance ??= new ModuleLoadContext(_folder);
        }

        return _instance.LoadFromAssemblyName(name);
    }

    /// <summary>The simple names of the runtime's trusted platform assemblies (its own System.* and the host's).</summary>
    private static HashSet<string> PlatformAssemblyNames()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return new HashSet<string>(
            list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFileNameWithoutExtension),
            StringComparer.OrdinalIgnoreCase);
    }
}
