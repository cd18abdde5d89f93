using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;

namespace Platform.Tenancy.Costs.Consumers;

/// <summary>The gateway's batched call counts, billed per call on the day the window ends.</summary>
public sealed class ApiCallsRecordedConsumer(CostRecorder costs, IOptions<PricingOptions> pricing) : IConsumer<ApiCallsRecorded>
{
    public Task Consume(ConsumeContext<ApiCallsRecorded> context)
    {
        var m = context.Message;
        return costs.RecordAsync(m.TenantId, CostCategories.ApiCalls, m.Calls, m.Calls * pricing.Value.ApiCall, m.WindowEnd, context.CancellationToken);
    }
}
