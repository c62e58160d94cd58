using System;
using System.Management.Automation;
using AwsWiki.Credentials;

namespace AwsWiki.Commands.Internal;

/// <summary>
/// Checks -Credential at bind time: an AWS credentials object of any SDK copy (AWS Tools' v3 or v4,
/// or AwsWiki's own) or AWS Tools' AWSPSCredentials wrapper; anything else fails before the
/// cmdlet runs, with a message that names what is expected.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CredentialTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null || CredentialObjects.IsSupported(value))
        {
            return value;
        }

        throw new ArgumentTransformationMetadataException($"-Credential takes {CredentialObjects.Expected}; not {value.GetType().FullName}.");
    }
}
