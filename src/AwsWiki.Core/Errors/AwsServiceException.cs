using System;
using System.Net;

namespace AwsWiki;

/// <summary>
/// An AWS service answered with an error. The ErrorId is the service's own code
/// (AccessDeniedException, LoadBalancerNotFound, ...), whatever the protocol; the message names
/// the service, the operation, the endpoint, the HTTP status and the service's message.
/// </summary>
internal sealed class AwsServiceException : AwsWikiException
{
    internal AwsServiceException(string serviceCode, FailureKind kind, object? target, string message, HttpStatusCode statusCode,
        string service, string operation, string endpoint, string serviceMessage, Exception? inner)
        : base(serviceCode, kind, target, message, inner)
    {
        ServiceCode = serviceCode;
        StatusCode = statusCode;
        Service = service;
        Operation = operation;
        Endpoint = endpoint;
        ServiceMessage = serviceMessage;
    }

    /// <summary>The service's error code, e.g. LoadBalancerNotFound.</summary>
    public string ServiceCode { get; }

    public HttpStatusCode StatusCode { get; }

    public string Service { get; }

    public string Operation { get; }

    public string Endpoint { get; }

    /// <summary>The service's own message, as it sent it.</summary>
    public string ServiceMessage { get; }
}
