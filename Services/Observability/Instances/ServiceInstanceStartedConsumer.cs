using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Observability.Data;

namespace Platform.Observability.Instances;

/// <summary>
/// Records each service instance that announces itself. Idempotent by instance id: a
/// redelivered announcement meets the existing row and changes nothing.
/// </summary>
public sealed class ServiceInstanceStartedConsumer(ObservabilityDbContext db, TimeProvider time) : IConsumer<ServiceInstanceStarted>
{
    public async Task Consume(ConsumeContext<ServiceInstanceStarted> context)
    {
        var m = context.Message;
        if (string.IsNullOrEmpty(m.InstanceId) || m.InstanceId.Length > ServiceInstanceConfiguration.MaxInstanceId
            || string.IsNullOrEmpty(m.Service) || m.Service.Length > ServiceInstanceConfiguration.MaxName)
        {
            // Ends in the _error queue with this reason; retrying cannot fix it.
            throw new InvalidOperationException("ServiceInstanceStarted has a missing or oversized InstanceId or Service.");
        }

        var version = Truncate(m.Version, ServiceInstanceConfiguration.MaxName);
        var host = Truncate(m.Host, ServiceInstanceConfiguration.MaxHost);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO observability.service_instances (instance_id, service, version, host, process_id, started_at, received_at)
            VALUES ({m.InstanceId}, {m.Service}, {version}, {host}, {m.ProcessId}, {m.StartedAt.ToUniversalTime()}, {time.GetUtcNow()})
            ON CONFLICT (instance_id) DO NOTHING
            """, context.CancellationToken);
    }

    private static string Truncate(string? value, int max) => (value ?? "")[..Math.Min((value ?? "").Length, max)];
}
