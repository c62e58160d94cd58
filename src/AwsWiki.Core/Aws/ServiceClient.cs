using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace AwsWiki.Aws;

/// <summary>
/// An AWS SDK client that can only be called through the one call path (<see cref="AwsCall"/>):
/// features get this from <see cref="AwsClientFactory"/>, never the bare SDK client, so no request
/// escapes the deadline, the cancellation or the error mapping.
/// </summary>
internal sealed class ServiceClient<TClient> : IDisposable
    where TClient : class, IDisposable
{
    private readonly TClient _client;

    internal ServiceClient(TClient client, AwsContext context, AwsService service)
    {
        _client = client;
        Context = context;
        Service = service;
    }

    public AwsContext Context { get; }

    public AwsService Service { get; }

    public string Region => Context.RegionName;

    /// <param name="operation">The API's operation name, for messages (DescribeInstances).</param>
    public Task<T> CallAsync<T>(string operation, Func<TClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken, object? target = null) =>
        AwsCall.RunAsync(Context, Service, operation, token => call(_client, token), cancellationToken, target);

    /// <summary>Every page of an SDK paginator (the SDK's own paging, one way for every paged operation).</summary>
    public IAsyncEnumerable<TPage> PagesAsync<TPage>(string operation, Func<TClient, IPaginatedEnumerable<TPage>> pages, CancellationToken cancellationToken) =>
        AwsCall.PagesAsync(Context, Service, operation, pages(_client), cancellationToken);

    public void Dispose() => _client.Dispose();
}
