using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Creates a service's instruments (<typeparamref name="T"/>) when the host starts. A meter exists
/// only once its owner is created, so without this an idle service would expose none of its
/// series, not even its observable gauges, until the first request that needs the owner.
/// </summary>
internal sealed class InstrumentsStarter<T>(T instruments) : IHostedService
    where T : class
{
    // Holding the instance is the point: resolving it created the meter.
    public T Instruments { get; } = instruments;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
