using MassTransit;
using Platform.Contracts.Usage;

namespace Platform.Tenancy.Costs.Consumers;

/// <summary>Provider charges pass through at cost.</summary>
public sealed class ThirdPartyCostIncurredConsumer(CostRecorder costs) : IConsumer<ThirdPartyCostIncurred>
{
    public Task Consume(ConsumeContext<ThirdPartyCostIncurred> context)
    {
        var m = context.Message;
        return costs.RecordAsync(m.TenantId, CostCategories.ThirdParty, m.AmountUsd, m.AmountUsd, m.IncurredAt, context.CancellationToken);
    }
}
