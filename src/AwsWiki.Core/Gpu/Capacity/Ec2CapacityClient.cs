using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsWiki.Aws;

namespace AwsWiki.Gpu.Capacity;

/// <summary>
/// The EC2 capacity operations of one region through AWSSDK.EC2, every request and page through the
/// one call path (deadline, cancellation, error mapping), turned into plain records so no SDK type
/// leaves this assembly.
/// </summary>
internal sealed class Ec2CapacityClient : IDisposable
{
    /// <summary>The tag every probe reservation carries, so an interrupted probe can find and cancel its own.</summary>
    public const string ProbeTagKey = "awswiki:capacity-probe";

    private readonly ServiceClient<AmazonEC2Client> _client;

    /// <param name="region">Another region than the context's, with the same credentials.</param>
    public Ec2CapacityClient(AwsContext context, string? region = null)
    {
        _client = AwsClientFactory.Ec2(context, region);
        Region = _client.Region;
    }

    public string Region { get; }

    /// <summary>The region's availability zones (not Local or Wavelength Zones): name and ID.</summary>
    public async Task<IReadOnlyList<(string Name, string Id)>> ZonesAsync(CancellationToken cancellationToken)
    {
        var response = await _client.CallAsync("DescribeAvailabilityZones",
            (c, token) => c.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest(), token), cancellationToken).ConfigureAwait(false);
        return (response.AvailabilityZones ?? new List<AvailabilityZone>())
            .Where(z => string.IsNullOrEmpty(z.ZoneType) || z.ZoneType == "availability-zone")
            .Select(z => (z.ZoneName, z.ZoneId))
            .OrderBy(z => z.ZoneId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>(instance type, zone ID) pairs from DescribeInstanceTypeOfferings by availability-zone-id.</summary>
    public async Task<HashSet<(string Type, string ZoneId)>> OfferedAsync(IReadOnlyList<string> instanceTypes, CancellationToken cancellationToken)
    {
        var offered = new HashSet<(string, string)>();
        var request = new DescribeInstanceTypeOfferingsRequest
        {
            LocationType = LocationType.AvailabilityZoneId,
            Filters = new List<Filter> { new("instance-type", instanceTypes.ToList()) },
        };
        await foreach (var page in _client.PagesAsync("DescribeInstanceTypeOfferings", c => c.Paginators.DescribeInstanceTypeOfferings(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var offering in page.InstanceTypeOfferings ?? new List<InstanceTypeOffering>())
            {
                offered.Add((offering.InstanceType.Value, offering.Location));
            }
        }

        return offered;
    }

    /// <summary>Single-zone Spot placement scores for <paramref name="count"/> instances of one type: zone ID to score.</summary>
    public async Task<IReadOnlyDictionary<string, int>> SpotScoresAsync(string instanceType, int count, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var request = new GetSpotPlacementScoresRequest
        {
            InstanceTypes = new List<string> { instanceType },
            TargetCapacity = count,
            TargetCapacityUnitType = TargetCapacityUnitType.Units,
            SingleAvailabilityZone = true,
            RegionNames = new List<string> { Region },
        };
        await foreach (var page in _client.PagesAsync("GetSpotPlacementScores", c => c.Paginators.GetSpotPlacementScores(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var score in page.SpotPlacementScores ?? new List<SpotPlacementScore>())
            {
                if (score.Region == Region && !string.IsNullOrEmpty(score.AvailabilityZoneId) && score.Score is { } value)
                {
                    scores[score.AvailabilityZoneId] = value;
                }
            }
        }

        return scores;
    }

    /// <summary>Capacity Block for ML offers for the count and duration: zone name, start, hours, upfront fee (USD).</summary>
    public async Task<IReadOnlyList<(string Zone, DateTime Start, int Hours, double UpfrontFee)>> CapacityBlockOffersAsync(
        string instanceType, int count, int hours, CancellationToken cancellationToken)
    {
        var offers = new List<(string, DateTime, int, double)>();
        var request = new DescribeCapacityBlockOfferingsRequest { InstanceType = instanceType, InstanceCount = count, CapacityDurationHours = hours };
        await foreach (var page in _client.PagesAsync("DescribeCapacityBlockOfferings", c => c.Paginators.DescribeCapacityBlockOfferings(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var offer in page.CapacityBlockOfferings ?? new List<CapacityBlockOffering>())
            {
                if (offer.StartDate is { } start && double.TryParse(offer.UpfrontFee, NumberStyles.Float, CultureInfo.InvariantCulture, out var fee))
                {
                    offers.Add((offer.AvailabilityZone, start.ToUniversalTime(), offer.CapacityBlockDurationHours ?? hours, fee));
                }
            }
        }

        return offers;
    }

    /// <summary>Available instances in the caller's active reservations, by (type, zone ID or name).</summary>
    public async Task<IReadOnlyList<(string Type, string? ZoneId, string Zone, int Available)>> AvailableReservationsAsync(
        IReadOnlyList<string> instanceTypes, CancellationToken cancellationToken)
    {
        var found = new List<(string, string?, string, int)>();
        var request = new DescribeCapacityReservationsRequest
        {
            Filters = new List<Filter> { new("instance-type", instanceTypes.ToList()), new("state", new List<string> { "active" }) },
        };
        await foreach (var reservation in ReservationsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (reservation.AvailableInstanceCount is > 0)
            {
                found.Add((reservation.InstanceType, reservation.AvailabilityZoneId, reservation.AvailabilityZone, reservation.AvailableInstanceCount.Value));
            }
        }

        return found;
    }

    /// <summary>
    /// Creates a targeted capacity reservation for the count and cancels it at once. The cancel
    /// runs in a finally with its own token, so it also runs when <paramref name="cancellationToken"/>
    /// fires mid-call; when the create's answer was lost, the reservation is found by its probe tag.
    /// </summary>
    public async Task<CapacityProbeOutcome> ProbeAsync(string instanceType, string zoneId, int count, CancellationToken cancellationToken)
    {
        var probeId = Guid.NewGuid().ToString("N");
        string? reservationId = null;
        var outcomeKnown = false;
        try
        {
            var response = await _client.CallAsync("CreateCapacityReservation", (c, token) => c.CreateCapacityReservationAsync(new CreateCapacityReservationRequest
            {
                ClientToken = probeId,
                InstanceType = instanceType,
                InstancePlatform = CapacityReservationInstancePlatform.LinuxUNIX,
                AvailabilityZoneId = zoneId,
                InstanceCount = count,
                EndDateType = EndDateType.Unlimited,
                // Targeted: no running or launching instance of the account lands in the probe.
                InstanceMatchCriteria = InstanceMatchCriteria.Targeted,
                TagSpecifications = new List<TagSpecification>
                {
                    new() { ResourceType = ResourceType.CapacityReservation, Tags = new List<Tag> { new(ProbeTagKey, probeId) } },
                },
            }, token), cancellationToken, zoneId).ConfigureAwait(false);
            reservationId = response.CapacityReservation?.CapacityReservationId;
            outcomeKnown = reservationId is not null;
            return new CapacityProbeOutcome(CapacityProbeResult.Succeeded, reservationId,
                $"Reserved {count} at {DateTime.UtcNow:u} and cancelled at once ({reservationId}).");
        }
        catch (AwsServiceException e) when (e.ServiceCode == "InsufficientInstanceCapacity")
        {
            outcomeKnown = true;
            return new CapacityProbeOutcome(CapacityProbeResult.InsufficientCapacity, null, $"EC2 refused a reservation for {count}: {e.ServiceMessage}");
        }
        catch (AwsServiceException e)
        {
            outcomeKnown = true;
            return new CapacityProbeOutcome(CapacityProbeResult.Failed, null, $"{e.ServiceCode}: {e.ServiceMessage}");
        }
        finally
        {
            // Not the caller's token: Ctrl+C must not stop the clean-up of what the probe created.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await CancelProbeAsync(reservationId, outcomeKnown ? null : probeId, cleanup.Token).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task CancelProbeAsync(string? reservationId, string? lostProbeId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (reservationId is not null)
        {
            ids.Add(reservationId);
        }
        else if (lostProbeId is not null)
        {
            var request = new DescribeCapacityReservationsRequest
            {
                Filters = new List<Filter> { new($"tag:{ProbeTagKey}", new List<string> { lostProbeId }) },
            };
            await foreach (var found in ReservationsAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (found.State != CapacityReservationState.Cancelled)
                {
                    ids.Add(found.CapacityReservationId);
                }
            }
        }

        foreach (var id in ids)
        {
            try
            {
                await _client.CallAsync("CancelCapacityReservation",
                    (c, token) => c.CancelCapacityReservationAsync(new CancelCapacityReservationRequest { CapacityReservationId = id }, token), cancellationToken, id).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AwsWikiException or OperationCanceledException)
            {
                throw Errors.ProbeReservationNotCancelled.Wrap(e, id, id, Region, e.Message);
            }
        }
    }

    private async IAsyncEnumerable<CapacityReservation> ReservationsAsync(DescribeCapacityReservationsRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in _client.PagesAsync("DescribeCapacityReservations", c => c.Paginators.DescribeCapacityReservations(request).Responses, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var reservation in page.CapacityReservations ?? new List<CapacityReservation>())
            {
                yield return reservation;
            }
        }
    }
}
