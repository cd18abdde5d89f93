using System.Globalization;
using Platform.LocalInfra;

namespace Platform.Benchmarks.Messaging;

/// <summary>
/// Events per second end to end for the raw client, MassTransit and the outbox path, on one set
/// of servers in one run, and the outbox's publish-to-consume latency at a steady rate.
/// </summary>
public static class MessagingBenchmark
{
    private const int Window = 100;

    // The services' default (MessagingOptions.PrefetchCount), for the raw client as well.
    private const ushort Prefetch = 128;

    public static async Task<bool> RunAsync(string root, string directory)
    {
        Console.WriteLine("messaging: starting PostgreSQL and RabbitMQ …");
        await using var infra = await LocalInfrastructure.StartAsync(
            new LocalInfraOptions { RunDirectory = directory, RepositoryRoot = root }, new Progress<string>(m => Console.WriteLine($"  {m}")));
        foreach (var vhost in new[] { "bench-raw", "bench-mt", "bench-outbox" }) await infra.RabbitMq.CreateVirtualHostAsync(vhost);

        var results = new List<PathResult>();
        // Every path warms up first (the JIT keeps tiering up for tens of seconds on two cores, and
        // the first run would measure that), then runs three times; the median run is reported.
        Console.WriteLine("messaging: raw RabbitMQ.Client (warm-up, then 3 x 20,000 events) …");
        await RawClientPath.RunAsync(infra.RabbitMq.ConnectionString("bench-raw"), 5_000, Window, Prefetch);
        var raw = await MedianOfThreeAsync(() => RawClientPath.RunAsync(infra.RabbitMq.ConnectionString("bench-raw"), 20_000, Window, Prefetch));
        results.Add(raw);

        Console.WriteLine("messaging: MassTransit (warm-up, then 3 x 20,000 events) …");
        await MassTransitPath.RunAsync(infra.RabbitMq.ConnectionString("bench-mt"), 5_000, Window, Prefetch);
        var massTransit = await MedianOfThreeAsync(() => MassTransitPath.RunAsync(infra.RabbitMq.ConnectionString("bench-mt"), 20_000, Window, Prefetch));
        results.Add(massTransit);

        await using (var outbox = await OutboxPath.StartAsync(infra.Postgres.ForDatabase("ledgerdb_bench"), infra.RabbitMq.ConnectionString("bench-outbox")))
        {
            // EF Core and Npgsql add far more code to tier up than the other paths: a longer warm-up.
            Console.WriteLine("messaging: outbox -> inbox (warm-up of 20,000, then 3 x 10,000 events from 4 writers, 50 per transaction) …");
            for (var i = 0; i < 4; i++) await outbox.ThroughputAsync(5_000, writers: 4, perTransaction: 50);
            results.Add(await MedianOfThreeAsync(() => outbox.ThroughputAsync(10_000, writers: 4, perTransaction: 50)));
            Console.WriteLine("messaging: outbox phases apart (10,000 events dispatched with no consumer, then consumed alone) …");
            var (dispatch, consume) = await outbox.PhasesAsync(10_000, writers: 4, perTransaction: 50);
            // On two shared cores the phases add up: their rates bound what the whole path can do.
            Console.WriteLine($"  write + dispatch {dispatch:0} events/s; consume with inbox {consume:0} events/s; both on these cores at most {1 / (1 / dispatch + 1 / consume):0} events/s");
            Console.WriteLine("messaging: outbox at a steady 500 events/s for 20 s (10 per transaction) …");
            results.Add(await outbox.PacedAsync(500, TimeSpan.FromSeconds(20), perTransaction: 10));
        }

        Console.WriteLine();
        Console.WriteLine($"{"path",-34} {"events",7} {"events/s",9} {"p50 ms",8} {"p99 ms",8} {"vs raw",7}");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Path,-34} {r.Events,7} {r.EventsPerSecond,9:0} {r.P50Milliseconds,8:0.0} {r.P99Milliseconds,8:0.0} {r.EventsPerSecond / raw.EventsPerSecond,6:0.00}x"));

        var (throughput, paced) = (results[2], results[3]);
        var targets = new (string What, bool Met)[]
        {
            ($"MassTransit >= 50 % of the raw client ({massTransit.EventsPerSecond / raw.EventsPerSecond:P0})", massTransit.EventsPerSecond >= 0.5 * raw.EventsPerSecond),
            ($"outbox path >= 2,000 events/s ({throughput.EventsPerSecond:0})", throughput.EventsPerSecond >= 2_000),
            ($"outbox p99 < 250 ms at 500 events/s ({paced.P99Milliseconds:0} ms)", paced.P99Milliseconds < 250),
        };
        Console.WriteLine();
        foreach (var (what, met) in targets) Console.WriteLine($"target {what}: {(met ? "met" : "MISSED")}");
        return targets.All(t => t.Met);
    }

    private static async Task<PathResult> MedianOfThreeAsync(Func<Task<PathResult>> run)
    {
        var runs = new List<PathResult>(3);
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await run());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {i + 1}: {runs[^1].EventsPerSecond:0} events/s"));
        }
        return runs.OrderBy(r => r.EventsPerSecond).ElementAt(1);
    }
}
