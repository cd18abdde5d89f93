using MassTransit;

namespace Platform.Benchmarks.Messaging;

/// <summary>Records each event's latency; the work a consumer does is the pipeline's, not its own.</summary>
public sealed class BenchEventConsumer(LatencySamples samples) : IConsumer<BenchEvent>
{
    public Task Consume(ConsumeContext<BenchEvent> context)
    {
        samples.Record(context.Message.SentTimestamp);
        return Task.CompletedTask;
    }
}
