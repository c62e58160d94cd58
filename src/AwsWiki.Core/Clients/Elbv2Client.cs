using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using AwsWiki.Aws;

namespace AwsWiki.Clients;

/// <summary>ELBv2 over the AWS Query protocol (form-encoded POST, XML answers, Version 2015-12-01).</summary>
public sealed class Elbv2Client : IElbv2Client
{
    public const string ApiVersion = "2015-12-01";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly AwsRequestSender _sender;

    public Elbv2Client(AwsContext context)
    {
        _sender = AwsClientFactory.Sender(context, AwsService.ElasticLoadBalancingV2, "https://elasticloadbalancing.{region}.amazonaws.com");
    }

    public async Task<IReadOnlyList<LoadBalancerDescription>> DescribeLoadBalancersAsync(IEnumerable<string>? names, CancellationToken cancellationToken)
    {
        var result = new List<LoadBalancerDescription>();
        var nameList = names?.ToList();
        try
        {
            await TokenPaging.AllPagesAsync(async marker =>
            {
                var query = new QueryParameters("DescribeLoadBalancers", ApiVersion).AddList("Names", nameList).Add("Marker", marker);
                var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
                result.AddRange(response.Members("LoadBalancers").Select(ReadLoadBalancer));
                return response.Text("NextMarker");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "LoadBalancerNotFound")
        {
        }

        return result;
    }

    public async Task<LoadBalancerDescription> CreateLoadBalancerAsync(NewLoadBalancer request, CancellationToken cancellationToken)
    {
        var query = new QueryParameters("CreateLoadBalancer", ApiVersion)
            .Add("Name", request.Name)
            .AddList("Subnets", request.SubnetIds)
            .AddList("SecurityGroups", request.SecurityGroupIds)
            .Add("Scheme", "internet-facing")
            .AddTags("Tags", request.Tags)
            .Add("Type", "application")
            .Add("IpAddressType", request.IpAddressType);
        var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
        return ReadLoadBalancer(response.Members("LoadBalancers").First());
    }

    public Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken cancellationToken)
    {
        return SendAsync(new QueryParameters("DeleteLoadBalancer", ApiVersion).Add("LoadBalancerArn", loadBalancerArn), cancellationToken);
    }

    public async Task<IReadOnlyList<TargetGroupDescription>> DescribeTargetGroupsAsync(IEnumerable<string>? names, CancellationToken cancellationToken)
    {
        var result = new List<TargetGroupDescription>();
        var nameList = names?.ToList();
        try
        {
            await TokenPaging.AllPagesAsync(async marker =>
            {
                var query = new QueryParameters("DescribeTargetGroups", ApiVersion).AddList("Names", nameList).Add("Marker", marker);
                var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
                result.AddRange(response.Members("TargetGroups").Select(ReadTargetGroup));
                return response.Text("NextMarker");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ServiceCode == "TargetGroupNotFound")
        {
        }

        return result;
    }

    public async Task<TargetGroupDescription> CreateTargetGroupAsync(NewTargetGroup request, CancellationToken cancellationToken)
    {
        var query = new QueryParameters("CreateTargetGroup", ApiVersion)
            .Add("Name", request.Name)
            .Add("Protocol", "HTTP")
            .Add("Port", request.Port)
            .Add("VpcId", request.VpcId)
            .Add("HealthCheckProtocol", "HTTP")
            .Add("HealthCheckPath", request.HealthCheckPath)
            .Add("TargetType", "instance")
            .AddTags("Tags", request.Tags);
        var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
        return ReadTargetGroup(response.Members("TargetGroups").First());
    }

    public Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        return SendAsync(new QueryParameters("DeleteTargetGroup", ApiVersion).Add("TargetGroupArn", targetGroupArn), cancellationToken);
    }

    public Task RegisterTargetsAsync(string targetGroupArn, IEnumerable<string> instanceIds, int port, CancellationToken cancellationToken)
    {
        var query = new QueryParameters("RegisterTargets", ApiVersion).Add("TargetGroupArn", targetGroupArn);
        var index = 1;
        foreach (var id in instanceIds)
        {
            query.Add($"Targets.member.{index}.Id", id).Add($"Targets.member.{index}.Port", port);
            index++;
        }

        return SendAsync(query, cancellationToken);
    }

    public async Task<IReadOnlyList<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        var response = await SendAsync(new QueryParameters("DescribeTargetHealth", ApiVersion).Add("TargetGroupArn", targetGroupArn), cancellationToken)
            .ConfigureAwait(false);
        return response.Members("TargetHealthDescriptions")
            .Select(d => new TargetHealthDescription(d.Child("Target").RequiredText("Id"), d.Child("Target").Int("Port"),
                d.Child("TargetHealth").Text("State") ?? "unknown"))
            .ToList();
    }

    public async Task<IReadOnlyList<ListenerDescription>> DescribeListenersAsync(string loadBalancerArn, CancellationToken cancellationToken)
    {
        var result = new List<ListenerDescription>();
        await TokenPaging.AllPagesAsync(async marker =>
        {
            var query = new QueryParameters("DescribeListeners", ApiVersion).Add("LoadBalancerArn", loadBalancerArn).Add("Marker", marker);
            var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
            result.AddRange(response.Members("Listeners").Select(ReadListener));
            return response.Text("NextMarker");
        }, cancellationToken).ConfigureAwait(false);

        return result;
    }

    public async Task<ListenerDescription> CreateListenerAsync(NewListener request, CancellationToken cancellationToken)
    {
        var query = new QueryParameters("CreateListener", ApiVersion)
            .Add("LoadBalancerArn", request.LoadBalancerArn)
            .Add("Protocol", request.Protocol)
            .Add("Port", request.Port)
            .Add("SslPolicy", string.IsNullOrEmpty(request.SslPolicy) ? null : request.SslPolicy);
        if (!string.IsNullOrEmpty(request.CertificateArn))
        {
            query.Add("Certificates.member.1.CertificateArn", request.CertificateArn);
        }

        if (!string.IsNullOrEmpty(request.ForwardTargetGroupArn))
        {
            query.Add("DefaultActions.member.1.Type", "forward")
                .Add("DefaultActions.member.1.TargetGroupArn", request.ForwardTargetGroupArn);
        }
        else
        {
            query.Add("DefaultActions.member.1.Type", "redirect")
                .Add("DefaultActions.member.1.RedirectConfig.Protocol", "HTTPS")
                .Add("DefaultActions.member.1.RedirectConfig.Port", "443")
                .Add("DefaultActions.member.1.RedirectConfig.StatusCode", "HTTP_301");
        }

        query.AddTags("Tags", request.Tags);
        var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
        return ReadListener(response.Members("Listeners").First());
    }

    public Task DeleteListenerAsync(string listenerArn, CancellationToken cancellationToken)
    {
        return SendAsync(new QueryParameters("DeleteListener", ApiVersion).Add("ListenerArn", listenerArn), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> DescribeTagsAsync(IEnumerable<string> resourceArns,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        // The service takes at most 20 ARNs per call.
        foreach (var batch in resourceArns.Select((arn, i) => (arn, i)).GroupBy(x => x.i / 20, x => x.arn))
        {
            var query = new QueryParameters("DescribeTags", ApiVersion).AddList("ResourceArns", batch);
            var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var description in response.Members("TagDescriptions"))
            {
                result[description.RequiredText("ResourceArn")] = description.Members("Tags")
                    .GroupBy(t => t.RequiredText("Key"))
                    .ToDictionary(g => g.Key, g => g.First().Text("Value") ?? string.Empty);
            }
        }

        return result;
    }

    public Task<IReadOnlyList<LoadBalancerDescription>> DescribeLoadBalancersByArnAsync(IEnumerable<string> loadBalancerArns, CancellationToken cancellationToken)
    {
        return DescribeByArnAsync(loadBalancerArns, "DescribeLoadBalancers", "LoadBalancerArns", "LoadBalancers", "LoadBalancerNotFound", ReadLoadBalancer,
            cancellationToken);
    }

    public Task<IReadOnlyList<TargetGroupDescription>> DescribeTargetGroupsByArnAsync(IEnumerable<string> targetGroupArns, CancellationToken cancellationToken)
    {
        return DescribeByArnAsync(targetGroupArns, "DescribeTargetGroups", "TargetGroupArns", "TargetGroups", "TargetGroupNotFound", ReadTargetGroup,
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> DescribeSslPoliciesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(new QueryParameters("DescribeSSLPolicies", ApiVersion).AddList("Names", names), cancellationToken)
                .ConfigureAwait(false);
            return response.Members("SslPolicies").Select(p => p.RequiredText("Name")).ToList();
        }
        catch (AwsServiceException e) when (e.ServiceCode == "SSLPolicyNotFound")
        {
            return new List<string>();
        }
    }

    /// <summary>
    /// Describes up to 20 ARNs per call. One missing ARN fails the whole call (the tag index can lag
    /// a deletion), so that batch is asked again one ARN at a time and the missing ones are left out.
    /// </summary>
    private async Task<IReadOnlyList<T>> DescribeByArnAsync<T>(IEnumerable<string> arns, string action, string parameter, string member, string notFoundCode,
        System.Func<XElement, T> read, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        foreach (var batch in arns.Distinct().Select((arn, i) => (arn, i)).GroupBy(x => x.i / 20, x => x.arn).Select(g => g.ToList()))
        {
            try
            {
                var response = await SendAsync(new QueryParameters(action, ApiVersion).AddList(parameter, batch), cancellationToken).ConfigureAwait(false);
                result.AddRange(response.Members(member).Select(read));
            }
            catch (AwsServiceException e) when (e.ServiceCode == notFoundCode && batch.Count > 1)
            {
                foreach (var arn in batch)
                {
                    result.AddRange(await DescribeByArnAsync(new[] { arn }, action, parameter, member, notFoundCode, read, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (AwsServiceException e) when (e.ServiceCode == notFoundCode)
            {
            }
        }

        return result;
    }

    /// <summary>Sends one action and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    private async Task<XElement> SendAsync(QueryParameters query, CancellationToken cancellationToken)
    {
        var action = query.Values[0].Value;
        var response = await _sender.SendAsync(action, HttpMethod.Post, string.Empty, AwsRequestSender.Utf8(query.Encode()), FormContentType, null, cancellationToken)
            .ConfigureAwait(false);
        var root = XmlReading.Parse(response.Body);
        return root.Child(action + "Result") ?? root;
    }

    private static LoadBalancerDescription ReadLoadBalancer(XElement e)
    {
        return new LoadBalancerDescription(
            e.RequiredText("LoadBalancerArn"),
            e.Text("LoadBalancerName") ?? string.Empty,
            e.Text("DNSName") ?? string.Empty,
            e.Text("CanonicalHostedZoneId") ?? string.Empty,
            e.Text("Scheme") ?? string.Empty,
            e.Text("VpcId") ?? string.Empty,
            e.Child("State").Text("Code") ?? string.Empty,
            e.Text("IpAddressType") ?? "ipv4",
            e.Child("SecurityGroups").Children("member").Select(m => m.Value).ToList(),
            e.Members("AvailabilityZones").Select(z => z.Text("SubnetId")).OfType<string>().ToList());
    }

    private static TargetGroupDescription ReadTargetGroup(XElement e)
    {
        return new TargetGroupDescription(
            e.RequiredText("TargetGroupArn"),
            e.Text("TargetGroupName") ?? string.Empty,
            e.Text("Protocol") ?? string.Empty,
            e.Int("Port") ?? 0,
            e.Text("VpcId") ?? string.Empty,
            e.Text("HealthCheckPath"),
            e.Child("LoadBalancerArns").Children("member").Select(m => m.Value).ToList());
    }

    private static ListenerDescription ReadListener(XElement e)
    {
        var action = e.Members("DefaultActions").FirstOrDefault();
        var redirect = action.Child("RedirectConfig");
        return new ListenerDescription(
            e.RequiredText("ListenerArn"),
            e.Text("LoadBalancerArn") ?? string.Empty,
            e.Int("Port") ?? 0,
            e.Text("Protocol") ?? string.Empty,
            e.Text("SslPolicy"),
            e.Members("Certificates").Select(c => c.Text("CertificateArn")).OfType<string>().ToList(),
            action.Text("Type"),
            action.Text("TargetGroupArn"),
            redirect.Text("Protocol"),
            redirect.Text("Port"),
            redirect.Text("StatusCode"));
    }
}
