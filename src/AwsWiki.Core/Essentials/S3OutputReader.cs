using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using AwsWiki.Aws;

namespace AwsWiki.Essentials;

/// <summary>Reads the full command output SSM wrote to S3 (-OutputS3BucketName with -FetchOutput).</summary>
internal sealed class S3OutputReader : IDisposable
{
    private readonly ServiceClient<AmazonS3Client> _client;

    public S3OutputReader(AwsContext context)
    {
        _client = AwsClientFactory.S3(context);
    }

    /// <summary>The object at s3://bucket/key as UTF-8 text; null when SSM has not written it (no output on that stream).</summary>
    public async Task<string?> ReadAsync(string s3Uri, CancellationToken cancellationToken)
    {
        var (bucket, key) = Split(s3Uri);
        try
        {
            // The body is read inside the call, so the deadline covers the download too.
            return await _client.CallAsync("GetObject", async (client, token) =>
            {
                using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, token).ConfigureAwait(false);
                using var reader = new StreamReader(response.ResponseStream, new UTF8Encoding(false));
                return await reader.ReadToEndAsync().ConfigureAwait(false);
            }, cancellationToken, s3Uri).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode is "NoSuchKey")
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    public static (string Bucket, string Key) Split(string s3Uri)
    {
        if (!s3Uri.StartsWith("s3://", StringComparison.Ordinal) || s3Uri.IndexOf('/', 5) < 0)
        {
            throw new ArgumentException($"'{s3Uri}' is not an s3://bucket/key URI.", nameof(s3Uri));
        }

        var slash = s3Uri.IndexOf('/', 5);
        return (s3Uri.Substring(5, slash - 5), s3Uri.Substring(slash + 1));
    }
}
