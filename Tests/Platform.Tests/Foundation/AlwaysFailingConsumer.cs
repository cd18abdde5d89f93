using MassTransit;

namespace Platform.Tests.Foundation;

/// <summary>A consumer that fails every time, to drive a message into its _error queue.</summary>
public sealed class AlwaysFailingConsumer(AttemptCounter attempts) : IConsumer<PoisonProbe>
{
    public const string Reason = "This consumer always fails.";

    public Task Consume(ConsumeContext<PoisonProbe> context)
    {
        attempts.Increment();
        throw new InvalidOperationException(Reason);
    }
}
