using System.Net;

namespace AwsWiki.Clients;

/// <summary>A successful response from a hand-written client's request.</summary>
internal sealed class AwsHttpResponse
{
    public AwsHttpResponse(HttpStatusCode statusCode, string body, string? requestId)
    {
        StatusCode = statusCode;
        Body = body;
        RequestId = requestId;
    }

    public HttpStatusCode StatusCode { get; }

    public string Body { get; }

    public string? RequestId { get; }
}
