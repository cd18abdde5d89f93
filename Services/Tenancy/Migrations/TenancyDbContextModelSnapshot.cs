using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand (the EF design-time package is not
/// available here). EF compares it with the live model at startup and refuses to migrate when
/// they differ, so a model change without a migration fails fast in the tests.
/// </summary>
[DbContext(typeof(TenancyDbContext))]
internal sealed class TenancyDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(TenancyDbContext.Schema);
        modelBuilder.Entity("Platform.Tenancy.Tenants.Tenant", b =>
        {
            b.Property<string>("Id").HasColumnType("text").HasColumnName("id");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<long?>("MonthlyPredictionQuota").HasColumnType("bigint").HasColumnName("monthly_prediction_quota");
            b.Property<string>("Name").IsRequired().HasColumnType("text").HasColumnName("name");
            b.Property<string>("Settings").HasColumnType("jsonb").HasColumnName("settings");
            b.Property<string>("Status").IsRequired().HasColumnType("text").HasColumnName("status");
            b.Property<string>("Subdomain").IsRequired().HasColumnType("text").HasColumnName("subdomain");
            b.Property<string>("SuspensionReason").HasColumnType("text").HasColumnName("suspension_reason");
            b.Property<string>("Tier").IsRequired().HasColumnType("text").HasColumnName("tier");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType("timestamp with time zone").HasColumnName("updated_at");
            b.HasKey("Id");
            b.HasIndex("Subdomain").IsUnique().HasDatabaseName(TenancyDbContext.TenantSubdomainIndex);
            b.ToTable("tenants", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.ApiKeys.ApiKey", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<DateTimeOffset?>("ExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("expires_at");
            b.Property<byte[]>("Hash").IsRequired().HasColumnType("bytea").HasColumnName("hash");
            b.Property<string>("Hint").IsRequired().HasColumnType("text").HasColumnName("hint");
            b.Property<DateTimeOffset?>("LastUsedAt").HasColumnType("timestamp with time zone").HasColumnName("last_used_at");
            b.Property<string>("Name").HasColumnType("text").HasColumnName("name");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnType("timestamp with time zone").HasColumnName("revoked_at");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id");
            b.HasKey("Id");
            b.HasIndex("Hash").IsUnique().HasDatabaseName(TenancyDbContext.ApiKeyHashIndex);
            b.HasIndex("TenantId").HasDatabaseName("IX_api_keys_tenant_id");
            b.ToTable("api_keys", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Quotas.QuotaUsage", b =>
        {
            b.Property<string>("TenantId").HasColumnType("text").HasColumnName("tenant_id");
            b.Property<string>("Metric").HasColumnType("text").HasColumnName("metric");
            b.Property<DateTimeOffset>("PeriodStart").HasColumnType("timestamp with time zone").HasColumnName("period_start");
            b.Property<long>("Used").HasColumnType("bigint").HasColumnName("used");
            b.HasKey("TenantId", "Metric", "PeriodStart");
            b.ToTable("quota_usage", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Quotas.StoredVolume", b =>
        {
            b.Property<string>("TenantId").HasColumnType("text").HasColumnName("tenant_id");
            b.Property<string>("Store").HasColumnType("text").HasColumnName("store");
            b.Property<decimal>("Gigabytes").HasColumnType("numeric(24,8)").HasColumnName("gigabytes");
            b.Property<DateTimeOffset>("SampledAt").HasColumnType("timestamp with time zone").HasColumnName("sampled_at");
            b.HasKey("TenantId", "Store");
            b.ToTable("stored_volumes", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Costs.DailyCost", b =>
        {
            b.Property<string>("TenantId").HasColumnType("text").HasColumnName("tenant_id");
            b.Property<DateOnly>("Day").HasColumnType("date").HasColumnName("day");
            b.Property<string>("Category").HasColumnType("text").HasColumnName("category");
            b.Property<decimal>("Amount").HasColumnType("numeric(24,8)").HasColumnName("amount");
            b.Property<decimal>("Quantity").HasColumnType("numeric(24,8)").HasColumnName("quantity");
            b.HasKey("TenantId", "Day", "Category");
            b.ToTable("cost_daily", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Budgets.Budget", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<decimal>("Amount").HasColumnType("numeric(14,2)").HasColumnName("amount");
            b.Property<string>("Category").HasColumnType("text").HasColumnName("category");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<string>("Name").IsRequired().HasColumnType("text").HasColumnName("name");
            b.Property<string>("Period").IsRequired().HasColumnType("text").HasColumnName("period");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id");
            b.Property<string>("Thresholds").IsRequired().HasColumnType("jsonb").HasColumnName("thresholds");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType("timestamp with time zone").HasColumnName("updated_at");
            b.HasKey("Id");
            b.HasIndex("TenantId").HasDatabaseName("IX_budgets_tenant_id");
            b.ToTable("budgets", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Budgets.BudgetAlert", b =>
        {
            b.Property<Guid>("BudgetId").HasColumnType("uuid").HasColumnName("budget_id");
            b.Property<DateTimeOffset>("PeriodStart").HasColumnType("timestamp with time zone").HasColumnName("period_start");
            b.Property<string>("Threshold").HasColumnType("text").HasColumnName("threshold");
            b.Property<DateTimeOffset>("CrossedAt").HasColumnType("timestamp with time zone").HasColumnName("crossed_at");
            b.Property<decimal>("Spent").HasColumnType("numeric(24,8)").HasColumnName("spent");
            b.HasKey("BudgetId", "PeriodStart", "Threshold");
            b.ToTable("budget_alerts", TenancyDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tenancy.Anomalies.CostAnomaly", b =>
        {
            b.Property<string>("TenantId").HasColumnType("text").HasColumnName("tenant_id");
            b.Property<DateOnly>("Day").HasColumnType("date").HasColumnName("day");
            b.Property<DateTimeOffset>("DetectedAt").HasColumnType("timestamp with time zone").HasColumnName("detected_at");
            b.Property<decimal>("Ewma").HasColumnType("numeric(24,8)").HasColumnName("ewma");
            b.Property<decimal>("ExpectedHigh").HasColumnType("numeric(24,8)").HasColumnName("expected_high");
            b.Property<decimal>("ExpectedLow").HasColumnType("numeric(24,8)").HasColumnName("expected_low");
            b.Property<decimal>("Spend").HasColumnType("numeric(24,8)").HasColumnName("spend");
            b.HasKey("TenantId", "Day");
            b.ToTable("cost_anomalies", TenancyDbContext.Schema);
        });
        ReliableMessagingModel.BuildSnapshot(modelBuilder, TenancyDbContext.Schema);
    }
}
