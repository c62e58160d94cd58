using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace AwsWiki.Commands.Internal;

/// <summary>
/// Lets a SecureString parameter take a plain string too (scripts often have the key as text),
/// so callers choose without the cmdlet needing two parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case SecureString secure:
                return secure;
            case string text:
                var result = new SecureString();
                foreach (var c in text)
                {
                    result.AppendChar(c);
                }

                result.MakeReadOnly();
                return result;
            default:
                throw new ArgumentTransformationMetadataException("Expected a SecureString or a string.");
        }
    }

    /// <summary>The plain text, at the last moment before it is written or signed with.</summary>
    public static string? Reveal(SecureString? secret)
    {
        if (secret is null)
        {
            return null;
        }

        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
