using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes <see cref="ServiceInstanceAnnounced"/> as soon as the bus accepts it and then
/// every <see cref="MessagingOptions.AnnounceInterval"/>. Runs in the background so a broker
/// that is still starting never delays the service's own startup.
/// </summary>
internal sealed partial class ServiceAnnouncer(
    IBus bus,
    ServiceIdentity identity,
    ReceiveQueueObserver queues,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<ServiceAnnouncer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow();
        var announced = false;
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await bus.Publish(new ServiceInstanceAnnounced(
                    TenantIds.Platform, identity.Service, identity.InstanceId, identity.Version,
                    Environment.MachineName, Environment.ProcessId, startedAt, time.GetUtcNow(), queues.Queues), stoppingToken);
                if (!announced) LogAnnounced(identity.Service, identity.InstanceId);
                announced = true;
                backoff = TimeSpan.FromMilliseconds(250);
                wait = options.Value.AnnounceInterval;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotYet(ex.GetBaseException().Message, backoff.TotalSeconds);
                wait = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Announced service {Service} instance {InstanceId}")]
    private partial void LogAnnounced(string service, string instanceId);

    [LoggerMessage(LogLevel.Warning, "Could not announce this instance ({Reason}); retrying in {DelaySeconds} s")]
    private partial void LogNotYet(string reason, double delaySeconds);
}
