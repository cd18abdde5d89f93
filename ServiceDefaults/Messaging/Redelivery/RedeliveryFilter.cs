using System.Diagnostics;
using MassTransit;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Hands a message whose consumer failed its last immediate attempt to the
/// <see cref="RedeliveryScheduler"/>. Typed, so that a scheduled message can be reported as
/// consumed: otherwise MassTransit would see neither a consumer nor a fault and move the
/// original to <c>{queue}_skipped</c>.
/// </summary>
internal sealed class RedeliveryFilter<T>(RedeliveryScheduler scheduler) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next.Send(context);
        }
        catch (Exception ex)
        {
            if (!await scheduler.TryScheduleAsync(context, ex)) throw;
            await context.NotifyConsumed(context, Stopwatch.GetElapsedTime(started), "delayed-redelivery");
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayed-redelivery");
}
