using System;
using System.Reflection;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>
/// Credentials from another copy of the AWS SDK: AWS Tools' objects (SDK v3, or a v4 loaded in
/// PowerShell's default load context) are other types than ours, so they are read by reflection,
/// every time the SDK asks, so that refreshing credentials keep refreshing.
/// </summary>
internal sealed class ForeignAwsCredentials : AWSCredentials
{
    private readonly object _source;
    private readonly MethodInfo _getCredentials;

    private ForeignAwsCredentials(object source, MethodInfo getCredentials)
    {
        _source = source;
        _getCredentials = getCredentials;
    }

    /// <summary>Ours as they are; another SDK's AWSCredentials (a public GetCredentials() method) wrapped; else null.</summary>
    public static AWSCredentials? From(object? value)
    {
        if (value is null || value is AWSCredentials)
        {
            return value as AWSCredentials;
        }

        var method = value.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
        return method is not null && IsAwsCredentialsType(value.GetType()) ? new ForeignAwsCredentials(value, method) : null;
    }

    public override ImmutableCredentials GetCredentials()
    {
        object? current;
        try
        {
            current = _getCredentials.Invoke(_source, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new AmazonClientException($"The credentials object ({_source.GetType().FullName}) could not give credentials: {e.InnerException.Message}", e.InnerException);
        }

        string? Read(string name) => current?.GetType().GetProperty(name)?.GetValue(current) as string;
        var accessKey = Read("AccessKey");
        var secretKey = Read("SecretKey");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new AmazonClientException($"The credentials object ({_source.GetType().FullName}) gave no access key and secret key.");
        }

        var token = Read("Token");
        return new ImmutableCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
    }

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
