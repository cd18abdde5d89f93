using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Anomalies;
using Platform.Tenancy.ApiKeys;
using Platform.Tenancy.Budgets;
using Platform.Tenancy.Costs;
using Platform.Tenancy.Costs.Consumers;
using Platform.Tenancy.Data;
using Platform.Tenancy.Quotas;
using Platform.Tenancy.Resolution;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Extensions;

public static class Extensions
{
    public const string ServiceName = "tenancy";
    public const string DatabaseName = "tenancydb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TenancyDbContext>(DatabaseName);
        builder.AddReliableMessaging<TenancyDbContext>();
        builder.AddPlatformMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PredictionCompletedConsumer>();
            bus.AddConsumer<ApiCallsRecordedConsumer>();
            bus.AddConsumer<StorageSampledConsumer>();
            bus.AddConsumer<ThirdPartyCostIncurredConsumer>();
        });
        builder.Services.AddOptions<TierOptions>().BindConfiguration(TierOptions.Section)
            .Validate(o => new[] { o.Free, o.Basic, o.Professional, o.Enterprise }.All(Valid), "Tenancy:Tiers: quotas must not be negative; RequestsPerMinute and Burst must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.HashKey) || o.HashKey.Length >= ApiKeyOptions.MinimumHashKeyLength,
                $"Tenancy:ApiKeys:HashKey must be at least {ApiKeyOptions.MinimumHashKeyLength} characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyHasher>();
        builder.Services.AddOptions<ResolveOptions>().BindConfiguration(ResolveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ResolveCache>();
        builder.Services.AddScoped<QuotaLedger>();
        builder.Services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CostRecorder>();
        builder.Services.AddScoped<StorageQuota>();
        builder.Services.AddScoped<BudgetEvaluator>();
        builder.Services.AddSingleton<TenantsWithoutBudgets>();
        builder.Services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<SpendAnomalyMonitor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTenancyApi(this IEndpointRouteBuilder app)
    {
        app.MapTenantsAdminApi().MapApiKeysAdminApi();
        app.MapTenantApi();
        app.MapResolveApi();
        app.MapQuotaApi();
        app.MapStorageQuotaApi();
        app.MapCostsApi();
        app.MapBudgetsApi();
        app.MapAnomaliesApi();
        return app;
    }

    private static bool Valid(TierLimits limits) =>
        limits.MonthlyPredictions is null or >= 0 && limits.StorageGb is null or >= 0 && limits.RequestsPerMinute >= 1 && limits.Burst >= 1;
}
