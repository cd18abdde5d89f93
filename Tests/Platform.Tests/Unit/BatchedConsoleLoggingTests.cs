using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Logging.BatchedConsole;

namespace Platform.Tests.Unit;

/// <summary>The console log path every service uses: lines from many threads, one writer, bounded.</summary>
public sealed class BatchedConsoleLoggingTests
{
    [Fact]
    public void Lines_from_concurrent_threads_all_arrive_whole_and_each_threads_in_its_order()
    {
        const int threads = 4, perThread = 25_000;
        var output = new MemoryStream();
        using (var writer = new ConsoleLineWriter(output, maxPendingLines: threads * perThread))
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (var i = 0; i < perThread; i++) writer.Write($"{t}:{i}:{new string('x', i % 97)}é\n");
            });
            writer.Stop(TimeSpan.FromSeconds(30));
            Assert.Equal(0, writer.Dropped);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(threads * perThread, lines.Length);
        var next = new int[threads];
        foreach (var line in lines)
        {
            var parts = line.Split(':');
            var (thread, index) = (int.Parse(parts[0]), int.Parse(parts[1]));
            Assert.Equal(next[thread]++, index);
            Assert.Equal(new string('x', index % 97) + "é", parts[2]);
        }
        Assert.All(next, count => Assert.Equal(perThread, count));
    }

    [Fact]
    public async Task A_stalled_output_drops_lines_past_the_bound_without_blocking_and_reports_how_many()
    {
        var output = new GatedStream();
        using var writer = new ConsoleLineWriter(output, maxPendingLines: 10);
        writer.Write("first\n");
        Assert.True(await output.Entered.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the writer never wrote");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) writer.Write($"line {i}\n");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "logging blocked on a stalled writer");
        Assert.Equal(90, writer.Dropped);

        output.Open();
        writer.Stop(TimeSpan.FromSeconds(10));
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(i => $"line {i}")], lines[..11]);
        var report = JsonDocument.Parse(lines[11]).RootElement;
        Assert.Equal("Warning", report.GetProperty("LogLevel").GetString());
        Assert.StartsWith("90 log lines dropped", report.GetProperty("Message").GetString());
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public void An_output_that_fails_never_throws_into_the_code_that_logs()
    {
        using var writer = new ConsoleLineWriter(new FailingStream());
        for (var i = 0; i < 1_000; i++) writer.Write($"line {i}\n");
        writer.Stop(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Service_defaults_log_through_the_batched_provider_only_and_lines_are_the_json_formatters()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.ConfigureStructuredLogging();
        var providers = builder.Services.Where(s => s.ServiceType == typeof(ILoggerProvider)).ToList();
        Assert.Equal(typeof(BatchedConsoleLoggerProvider), Assert.Single(providers).ImplementationType);

        using var services = builder.Services.BuildServiceProvider();
        var output = new MemoryStream();
        using (var provider = new BatchedConsoleLoggerProvider(services.GetServices<ConsoleFormatter>(), services.GetRequiredService<IOptions<ConsoleLoggerOptions>>(), output))
        using (var factory = LoggerFactory.Create(logging => logging.AddProvider(provider).Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId)))
        {
            var logger = factory.CreateLogger("Platform.Tests.Category");
            using var activity = new Activity("test").Start();
            using (logger.BeginScope(new Dictionary<string, object> { ["Order"] = 42 }))
                logger.LogWarning("Charged {Units} units", 3);
            provider.Dispose();

            var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var entry = JsonDocument.Parse(Assert.Single(lines)).RootElement;
            Assert.Equal("Platform.Tests.Category", entry.GetProperty("Category").GetString());
            Assert.Equal("Warning", entry.GetProperty("LogLevel").GetString());
            Assert.Equal("Charged 3 units", entry.GetProperty("Message").GetString());
            Assert.Equal(3, entry.GetProperty("State").GetProperty("Units").GetInt32());
            Assert.EndsWith("Z", entry.GetProperty("Timestamp").GetString());
            var scopes = entry.GetProperty("Scopes").EnumerateArray().ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == activity.TraceId.ToString());
            Assert.Contains(scopes, s => s.TryGetProperty("Order", out var order) && order.GetInt32() == 42);
        }
    }

    /// <summary>An output whose first write waits until the test opens it, like a reader that stopped reading.</summary>
    private sealed class GatedStream : MemoryStream
    {
        private readonly SemaphoreSlim _gate = new(0);
        private readonly SemaphoreSlim _entered = new(0);

        public SemaphoreSlim Entered => _entered;

        public string Text => Encoding.UTF8.GetString(ToArray());

        public void Open() => _gate.Release(int.MaxValue / 2);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _entered.Release();
            _gate.Wait();
            base.Write(buffer);
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("broken pipe");
    }
}
