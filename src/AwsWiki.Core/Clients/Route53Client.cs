using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>Route 53 over REST-XML (API 2013-04-01), one global endpoint signed for us-east-1.</summary>
public sealed class Route53Client : IRoute53Client
{
    public const string ApiVersion = "2013-04-01";
    private static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    private readonly AwsRequestSender _sender;

    public Route53Client(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.Route53, "https://route53.amazonaws.com");
    }

    public async Task<IReadOnlyList<HostedZoneSummary>> ListHostedZonesAsync(CancellationToken cancellationToken)
    {
        var result = new List<HostedZoneSummary>();
        await TokenPaging.AllPagesAsync(async marker =>
        {
            var path = $"{ApiVersion}/hostedzone" + (marker is null ? string.Empty : "?marker=" + QueryParameters.Escape(marker));
            var root = await GetAsync("ListHostedZones", path, cancellationToken).ConfigureAwait(false);
            result.AddRange(root.Child("HostedZones").Children("HostedZone").Select(ReadZone));
            return root.Bool("IsTruncated") ? root.Text("NextMarker") : null;
        }, cancellationToken).ConfigureAwait(false);

        return result;
    }

    public async Task<HostedZoneSummary?> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken)
    {
        try
        {
            var root = await GetAsync("GetHostedZone", $"{ApiVersion}/hostedzone/{QueryParameters.Escape(BareId(hostedZoneId))}", cancellationToken).ConfigureAwait(false);
            return ReadZone(root.Child("HostedZone")!);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "NoSuchHostedZone")
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ResourceRecordSetInfo>> ListResourceRecordSetsAsync(string hostedZoneId, string name, CancellationToken cancellationToken)
    {
        var wanted = Normalize(name);
        var path = $"{ApiVersion}/hostedzone/{QueryParameters.Escape(BareId(hostedZoneId))}/rrset?name={QueryParameters.Escape(wanted + ".")}";
        var root = await GetAsync("ListResourceRecordSets", path, cancellationToken).ConfigureAwait(false);
        // The list starts at the name and runs on in DNS order; only the exact name is wanted.
        return root.Child("ResourceRecordSets").Children("ResourceRecordSet").Select(ReadRecord).Where(r => r.Name == wanted).ToList();
    }

    public async Task<string> ChangeResourceRecordSetsAsync(string hostedZoneId, IEnumerable<(RecordChangeAction Action, ResourceRecordSetInfo Record)> changes,
        string comment, CancellationToken cancellationToken)
    {
        var body = new XElement(Ns + "ChangeResourceRecordSetsRequest",
            new XElement(Ns + "ChangeBatch",
                new XElement(Ns + "Comment", comment),
                new XElement(Ns + "Changes", changes.Select(c => new XElement(Ns + "Change",
                    new XElement(Ns + "Action", c.Action.ToString().ToUpperInvariant()),
                    WriteRecord(c.Record))))));
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body.ToString(SaveOptions.DisableFormatting);
        var response = await _sender.SendAsync("ChangeResourceRecordSets", HttpMethod.Post, $"{ApiVersion}/hostedzone/{QueryParameters.Escape(BareId(hostedZoneId))}/rrset/",
            AwsRequestSender.Utf8(text), "application/xml", null, cancellationToken).ConfigureAwait(false);
        return XmlReading.Parse(response.Body).Child("ChangeInfo").Text("Id") ?? string.Empty;
    }

    /// <summary>Zone ids arrive as "/hostedzone/Z123"; the API paths take the bare id.</summary>
    public static string BareId(string id) => id.Substring(id.LastIndexOf('/') + 1);

    private static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    private async Task<XElement> GetAsync(string operation, string path, CancellationToken cancellationToken)
    {
        var response = await _sender.SendAsync(operation, HttpMethod.Get, path, null, null, null, cancellationToken).ConfigureAwait(false);
        return XmlReading.Parse(response.Body);
    }

    private static HostedZoneSummary ReadZone(XElement zone)
    {
        return new HostedZoneSummary(BareId(zone.RequiredText("Id")), Normalize(zone.RequiredText("Name")), zone.Child("Config").Bool("PrivateZone"));
    }

    private static ResourceRecordSetInfo ReadRecord(XElement record)
    {
        var alias = record.Child("AliasTarget");
        var ttl = record.Text("TTL");
        return new ResourceRecordSetInfo(
            Normalize(record.RequiredText("Name")),
            record.RequiredText("Type"),
            ttl is null ? null : long.Parse(ttl, CultureInfo.InvariantCulture),
            record.Child("ResourceRecords").Children("ResourceRecord").Select(r => r.Text("Value")).OfType<string>().ToList(),
            alias is null ? null : BareId(alias.RequiredText("HostedZoneId")),
            alias?.Text("DNSName")?.TrimEnd('.'),
            alias.Bool("EvaluateTargetHealth"));
    }

    private static XElement WriteRecord(ResourceRecordSetInfo record)
    {
        var element = new XElement(Ns + "ResourceRecordSet",
            new XElement(Ns + "Name", record.Name.TrimEnd('.') + "."),
            new XElement(Ns + "Type", record.Type));
        if (record.AliasDnsName is not null)
        {
            element.Add(new XElement(Ns + "AliasTarget",
                new XElement(Ns + "HostedZoneId", record.AliasHostedZoneId ?? throw new ArgumentException("An alias needs the target's hosted zone id.")),
                new XElement(Ns + "DNSName", record.AliasDnsName),
                new XElement(Ns + "EvaluateTargetHealth", record.AliasEvaluateTargetHealth ? "true" : "false")));
        }
        else
        {
            element.Add(new XElement(Ns + "TTL", (record.Ttl ?? 300).ToString(CultureInfo.InvariantCulture)));
            element.Add(new XElement(Ns + "ResourceRecords", record.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))));
        }

        return element;
    }
}
