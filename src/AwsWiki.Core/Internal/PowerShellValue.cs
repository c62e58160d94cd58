namespace AwsWiki;

/// <summary>
/// Values that come from PowerShell may arrive wrapped in a PSObject; the core library names no
/// PowerShell type, so it reads the wrapper's BaseObject by name.
/// </summary>
internal static class PowerShellValue
{
    public static object? Unwrap(object? value)
    {
        if (value is null || value.GetType().FullName != "System.Management.Automation.PSObject")
        {
            return value;
        }

        return value.GetType().GetProperty("BaseObject")?.GetValue(value) ?? value;
    }
}
