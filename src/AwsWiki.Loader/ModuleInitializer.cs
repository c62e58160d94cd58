using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;

namespace AwsWiki.Loader;

/// <summary>
/// Runs when PowerShell imports the module, before it loads and scans the cmdlet assembly: the
/// manifest names this assembly in NestedModules, which PowerShell imports before the RootModule.
/// That order matters: scanning the cmdlets' types already needs AwsWiki.Core (a parameter of one
/// of its enum types is a field of that type), so the way to it must be in place first.
///
/// The core library and the AWS SDK ship in bin/Dependencies, where neither PowerShell nor .NET
/// probes, so another module's AWS SDK (AWS Tools 4.x ships v3, AWS Tools 5.x an older v4: all named
/// 4.0.0.0) never meets ours. On PowerShell 7 they load into a module-private AssemblyLoadContext;
/// on Windows PowerShell 5.1, which has none, a resolver scoped to that folder stands in for the
/// binding redirects powershell.exe lacks.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>bin/Dependencies beside this assembly.</summary>
    internal static string DependencyFolder { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    internal static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    public void OnImport()
    {
        if (IsNetFramework)
        {
            // The hand-written clients use HttpClient, which on .NET Framework takes its protocols
            // from ServicePointManager; older defaults lack TLS 1.2, which every AWS endpoint requires.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            FrameworkDependencyResolver.Register(DependencyFolder);
        }
        else
        {
            // A separate method, so .NET Framework never compiles code that names AssemblyLoadContext.
            RegisterLoadContext();
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (IsNetFramework)
        {
            FrameworkDependencyResolver.Unregister();
        }
        else
        {
            UnregisterLoadContext();
        }
    }

    private static void RegisterLoadContext() => ModuleLoadContext.Register(DependencyFolder);

    private static void UnregisterLoadContext() => ModuleLoadContext.Unregister();
}
