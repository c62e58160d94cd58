namespace AwsWiki.Gpu.Capacity;

/// <summary>The result of one probe, and what happened to the reservation it made.</summary>
internal sealed record CapacityProbeOutcome(CapacityProbeResult Result, string? ReservationId, string Message);
