namespace Platform.Benchmarks.Messaging;

/// <summary>The event the raw and MassTransit paths carry; the timestamp is the publisher's <see cref="System.Diagnostics.Stopwatch"/>.</summary>
public sealed record BenchEvent(Guid Id, long SentTimestamp, string TenantId, int Amount);
