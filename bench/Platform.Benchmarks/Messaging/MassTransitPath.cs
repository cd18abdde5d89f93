using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Benchmarks.Messaging;

/// <summary>
/// MassTransit as the services run it (<see cref="MessagingExtensions.AddPlatformMessaging"/>: retry,
/// redelivery, size guard and tenant filters, confirms), publishing with the raw path's window.
/// </summary>
public static class MassTransitPath
{
    public static async Task<PathResult> RunAsync(string connectionString, int events, int window, ushort prefetch)
    {
        var samples = new LatencySamples(events);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:messaging"] = connectionString;
        builder.Configuration["Messaging:PrefetchCount"] = prefetch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddSingleton(samples);
        builder.AddPlatformMessaging("bench", bus => bus.AddConsumer<BenchEventConsumer>());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
            var clock = Stopwatch.StartNew();
            await PublishWindow.RunAsync(events, window, i => bus.Publish(new BenchEvent(Guid.NewGuid(), Stopwatch.GetTimestamp(), "acme-clinic", i)));
            await samples.WaitAsync(TimeSpan.FromMinutes(2), "MassTransit");
            return PathResult.From("MassTransit publish -> consume", events, clock.Elapsed, samples);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
