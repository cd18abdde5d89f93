using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Observability.Data;
using Platform.Observability.DeadLetters;

namespace Platform.Observability.Instances;

/// <summary>
/// Records each announcing service instance and when it was last heard from. An upsert keyed
/// by instance id, so a redelivered or repeated announcement never adds a row, and an older
/// announcement arriving late never moves last-seen backwards.
/// </summary>
public sealed class ServiceInstanceAnnouncedConsumer(ObservabilityDbContext db, TimeProvider time) : IConsumer<ServiceInstanceAnnounced>
{
    public async Task Consume(ConsumeContext<ServiceInstanceAnnounced> context)
    {
        var m = context.Message;
        if (string.IsNullOrEmpty(m.InstanceId) || m.InstanceId.Length > ServiceInstanceConfiguration.MaxInstanceId
            || string.IsNullOrEmpty(m.Service) || m.Service.Length > ServiceInstanceConfiguration.MaxName)
        {
            // Ends in the _error queue with this reason; retrying cannot fix it.
            throw new InvalidOperationException("ServiceInstanceAnnounced has a missing or oversized InstanceId or Service.");
        }

        var version = Truncate(m.Version, ServiceInstanceConfiguration.MaxName);
        var host = Truncate(m.Host, ServiceInstanceConfiguration.MaxHost);
        // Last-seen uses this service's clock: the sender's may be skewed.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO observability.service_instances (instance_id, service, version, host, process_id, started_at, last_seen_at)
            VALUES ({m.InstanceId}, {m.Service}, {version}, {host}, {m.ProcessId}, {m.StartedAt.ToUniversalTime()}, {time.GetUtcNow()})
            ON CONFLICT (instance_id) DO UPDATE
                SET last_seen_at = GREATEST(service_instances.last_seen_at, EXCLUDED.last_seen_at)
            """, context.CancellationToken);

        // Each consumer queue named once, in one statement per announcement; the archiver
        // drains the queues' dead letters.
        var queues = (m.ReceiveQueues ?? []).Where(q => q.Length is > 0 and <= DeadLetterConfiguration.MaxQueue).Take(200).ToArray();
        if (queues.Length == 0) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO observability.dead_letter_sources (queue, service, first_seen_at)
            SELECT queue, {m.Service}, {time.GetUtcNow()} FROM unnest({queues}) AS queue
            ON CONFLICT (queue) DO NOTHING
            """, context.CancellationToken);
    }

    private static string Truncate(string? value, int max) => value is null ? "" : value[..Math.Min(value.Length, max)];
}
