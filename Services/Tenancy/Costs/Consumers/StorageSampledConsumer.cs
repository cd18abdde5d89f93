using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.Tenancy.Quotas;

namespace Platform.Tenancy.Costs.Consumers;

/// <summary>
/// A storage sample becomes GB-months (gigabytes × the hours it covers ÷ 730), and, when it is the
/// newest for its store, the size the storage quota is judged by.
/// </summary>
public sealed class StorageSampledConsumer(CostRecorder costs, StorageQuota quota, IOptions<PricingOptions> pricing) : IConsumer<StorageSampled>
{
    public async Task Consume(ConsumeContext<StorageSampled> context)
    {
        var m = context.Message;
        if (m.Gigabytes < 0) throw new InvalidMessageException($"A storage sample cannot be negative ({m.Gigabytes} GB).");
        var (category, price) = m.Store == CostCategories.Database
            ? (CostCategories.Database, pricing.Value.DatabaseGbMonth)
            : (CostCategories.Storage, pricing.Value.StorageGbMonth);
        var gbMonths = m.Gigabytes * m.CoveredHours / PricingOptions.HoursPerMonth;
        await costs.RecordAsync(m.TenantId, category, gbMonths, gbMonths * price, m.SampledAt, context.CancellationToken);
        await quota.RecordSampleAsync(m.TenantId, category, m.Gigabytes, m.SampledAt, context.CancellationToken);
    }
}
