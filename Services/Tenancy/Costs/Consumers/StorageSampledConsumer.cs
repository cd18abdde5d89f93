using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;

namespace Platform.Tenancy.Costs.Consumers;

/// <summary>A storage sample becomes GB-months: gigabytes × the hours it covers ÷ 730.</summary>
public sealed class StorageSampledConsumer(CostRecorder costs, IOptions<PricingOptions> pricing) : IConsumer<StorageSampled>
{
    public Task Consume(ConsumeContext<StorageSampled> context)
    {
        var m = context.Message;
        var (category, price) = m.Store == CostCategories.Database
            ? (CostCategories.Database, pricing.Value.DatabaseGbMonth)
            : (CostCategories.Storage, pricing.Value.StorageGbMonth);
        var gbMonths = m.Gigabytes * m.CoveredHours / PricingOptions.HoursPerMonth;
        return costs.RecordAsync(m.TenantId, category, gbMonths, gbMonths * price, m.SampledAt, context.CancellationToken);
    }
}
