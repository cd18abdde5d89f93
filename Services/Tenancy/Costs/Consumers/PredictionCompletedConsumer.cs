using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;

namespace Platform.Tenancy.Costs.Consumers;

/// <summary>Scored rows are billed as inference.</summary>
public sealed class PredictionCompletedConsumer(CostRecorder costs, IOptions<PricingOptions> pricing) : IConsumer<PredictionCompleted>
{
    public Task Consume(ConsumeContext<PredictionCompleted> context)
    {
        var m = context.Message;
        return costs.RecordAsync(m.TenantId, CostCategories.Inference, m.Rows, m.Rows * pricing.Value.Inference, m.CompletedAt, context.CancellationToken);
    }
}
