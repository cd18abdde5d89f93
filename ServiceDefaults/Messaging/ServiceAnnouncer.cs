using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes <see cref="ServiceInstanceStarted"/> once the bus accepts it. Runs in the
/// background so a broker that is still starting never delays the service's own startup.
/// </summary>
internal sealed partial class ServiceAnnouncer(IBus bus, ServiceIdentity identity, TimeProvider time, ILogger<ServiceAnnouncer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var message = new ServiceInstanceStarted(
            TenantIds.Platform, identity.Service, identity.InstanceId, identity.Version,
            Environment.MachineName, Environment.ProcessId, time.GetUtcNow());
        for (var delay = TimeSpan.FromMilliseconds(250); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await bus.Publish(message, stoppingToken);
                LogAnnounced(identity.Service, identity.InstanceId);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotYet(ex.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Announced service {Service} instance {InstanceId}")]
    private partial void LogAnnounced(string service, string instanceId);

    [LoggerMessage(LogLevel.Warning, "Could not announce this instance yet ({Reason}); retrying in {DelaySeconds} s")]
    private partial void LogNotYet(string reason, double delaySeconds);
}
