using System;
using System.Reflection;
using Amazon.Runtime;

namespace AwsWiki.Credentials;

/// <summary>
/// Credentials owned by another copy of the AWS SDK: AWS Tools' v3 (AWSSDK.Core 3.3.0.0) or v4
/// objects, whose types are foreign to ours because our SDK loads into the module's own load
/// context. Each request asks the foreign object for its current keys, so credentials that
/// refresh themselves (assume-role, SSO, instance roles) keep refreshing on their own side.
/// </summary>
internal sealed class ForeignAwsCredentials : AWSCredentials
{
    private readonly object _foreign;
    private readonly MethodInfo _getCredentials;

    private ForeignAwsCredentials(object foreign, MethodInfo getCredentials)
    {
        _foreign = foreign;
        _getCredentials = getCredentials;
    }

    /// <summary>The foreign type's full name and assembly version, for verbose output.</summary>
    public string Description => $"{_foreign.GetType().FullName} (AWSSDK.Core {_getCredentials.DeclaringType?.Assembly.GetName().Version})";

    /// <summary>Null when <paramref name="value"/> has no parameterless GetCredentials() returning keys.</summary>
    public static ForeignAwsCredentials? TryWrap(object value)
    {
        var method = value.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
        if (method is null || method.ReturnType == typeof(void) || !HasKeyProperties(method.ReturnType) || !IsAwsCredentialsType(value.GetType()))
        {
            return null;
        }

        return new ForeignAwsCredentials(value, method);
    }

    public override ImmutableCredentials GetCredentials()
    {
        object? keys;
        try
        {
            keys = _getCredentials.Invoke(_foreign, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new AmazonClientException($"The credentials object {_foreign.GetType().FullName} could not give its keys: {e.InnerException.Message}", e.InnerException);
        }

        if (keys is null)
        {
            throw new AmazonClientException($"The credentials object {_foreign.GetType().FullName} gave no keys.");
        }

        var type = keys.GetType();
        string? Read(string name) => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(keys) as string;
        var accessKey = Read("AccessKey");
        var secretKey = Read("SecretKey");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new AmazonClientException($"The credentials object {_foreign.GetType().FullName} gave no access key and secret key.");
        }

        var token = Read("Token");
        return new ImmutableCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
    }

    private static bool HasKeyProperties(Type type) =>
        type.GetProperty("AccessKey") is not null && type.GetProperty("SecretKey") is not null && type.GetProperty("Token") is not null;

    /// <summary>Only an SDK credentials class (of any SDK copy) is taken, not anything with a GetCredentials method.</summary>
    private static bool IsAwsCredentialsType(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.FullName == "Amazon.Runtime.AWSCredentials")
            {
                return true;
            }
        }

        return false;
    }
}
