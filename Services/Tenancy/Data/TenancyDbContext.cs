using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Platform.Tenancy.Budgets;
using Platform.Tenancy.Common;
using Platform.Tenancy.Costs;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Anomalies;
using Platform.Tenancy.ApiKeys;
using Platform.Tenancy.Quotas;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Data;

/// <summary>The tenancy service's own database; no other service reads it.</summary>
public sealed class TenancyDbContext(DbContextOptions<TenancyDbContext> options) : DbContext(options)
{
    public const string Schema = "tenancy";
    public const string TenantSubdomainIndex = "IX_tenants_subdomain";
    public const string ApiKeyHashIndex = "IX_api_keys_hash";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<QuotaUsage> QuotaUsage => Set<QuotaUsage>();

    public DbSet<StoredVolume> StoredVolumes => Set<StoredVolume>();

    public DbSet<DailyCost> DailyCosts => Set<DailyCost>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<BudgetAlert> BudgetAlerts => Set<BudgetAlert>();

    public DbSet<CostAnomaly> CostAnomalies => Set<CostAnomaly>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A schema per service keeps the tables apart even where an operator puts several
        // services in one physical database.
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Tenant>(b =>
        {
            b.ToTable("tenants");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).HasColumnName("id");
            b.Property(t => t.Name).HasColumnName("name");
            // Names, not numbers: the table reads the same as the API.
            b.Property(t => t.Tier).HasColumnName("tier").HasConversion(v => TierNames.Of(v), v => Enum.Parse<Tier>(v, true));
            b.Property(t => t.Status).HasColumnName("status").HasConversion(v => LowerCaseNames.Of(v), v => Enum.Parse<TenantStatus>(v, true));
            b.Property(t => t.Subdomain).HasColumnName("subdomain");
            b.Property(t => t.Settings).HasColumnName("settings").HasColumnType("jsonb");
            b.Property(t => t.MonthlyPredictionQuota).HasColumnName("monthly_prediction_quota");
            b.Property(t => t.SuspensionReason).HasColumnName("suspension_reason");
            b.Property(t => t.CreatedAt).HasColumnName("created_at");
            b.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            b.HasIndex(t => t.Subdomain).IsUnique().HasDatabaseName(TenantSubdomainIndex);
        });
        modelBuilder.Entity<ApiKey>(b =>
        {
            b.ToTable("api_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(k => k.TenantId).HasColumnName("tenant_id");
            b.Property(k => k.Name).HasColumnName("name");
            b.Property(k => k.Hint).HasColumnName("hint");
            b.Property(k => k.Hash).HasColumnName("hash");
            b.Property(k => k.CreatedAt).HasColumnName("created_at");
            b.Property(k => k.ExpiresAt).HasColumnName("expires_at");
            b.Property(k => k.RevokedAt).HasColumnName("revoked_at");
            b.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
            b.HasIndex(k => k.Hash).IsUnique().HasDatabaseName(ApiKeyHashIndex);
            b.HasIndex(k => k.TenantId).HasDatabaseName("IX_api_keys_tenant_id");
        });
        modelBuilder.Entity<QuotaUsage>(b =>
        {
            b.ToTable("quota_usage");
            b.HasKey(q => new { q.TenantId, q.Metric, q.PeriodStart });
            b.Property(q => q.TenantId).HasColumnName("tenant_id");
            b.Property(q => q.Metric).HasColumnName("metric");
            b.Property(q => q.PeriodStart).HasColumnName("period_start");
            b.Property(q => q.Used).HasColumnName("used");
        });
        modelBuilder.Entity<StoredVolume>(b =>
        {
            b.ToTable("stored_volumes");
            b.HasKey(v => new { v.TenantId, v.Store });
            b.Property(v => v.TenantId).HasColumnName("tenant_id");
            b.Property(v => v.Store).HasColumnName("store");
            b.Property(v => v.Gigabytes).HasColumnName("gigabytes").HasColumnType("numeric(24,8)");
            b.Property(v => v.SampledAt).HasColumnName("sampled_at");
        });
        modelBuilder.Entity<DailyCost>(b =>
        {
            b.ToTable("cost_daily");
            b.HasKey(c => new { c.TenantId, c.Day, c.Category });
            b.Property(c => c.TenantId).HasColumnName("tenant_id");
            b.Property(c => c.Day).HasColumnName("day");
            b.Property(c => c.Category).HasColumnName("category");
            // Money and fractional units in exact decimals: sums of many small prices stay exact.
            b.Property(c => c.Quantity).HasColumnName("quantity").HasColumnType("numeric(24,8)");
            b.Property(c => c.Amount).HasColumnName("amount").HasColumnType("numeric(24,8)");
        });
        modelBuilder.Entity<Budget>(b =>
        {
            b.ToTable("budgets");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.TenantId).HasColumnName("tenant_id");
            b.Property(x => x.Name).HasColumnName("name");
            b.Property(x => x.Category).HasColumnName("category");
            b.Property(x => x.Period).HasColumnName("period").HasConversion(v => BudgetPeriods.Name(v), v => Enum.Parse<BudgetPeriod>(v, true));
            b.Property(x => x.Amount).HasColumnName("amount").HasColumnType("numeric(14,2)");
            b.Property(x => x.Thresholds).HasColumnName("thresholds").HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                    v => JsonSerializer.Deserialize<List<BudgetThreshold>>(v, JsonSerializerOptions.Web) ?? new List<BudgetThreshold>(),
                    new ValueComparer<List<BudgetThreshold>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()));
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.HasIndex(x => x.TenantId).HasDatabaseName("IX_budgets_tenant_id");
        });
        modelBuilder.Entity<BudgetAlert>(b =>
        {
            b.ToTable("budget_alerts");
            b.HasKey(a => new { a.BudgetId, a.PeriodStart, a.Threshold });
            b.Property(a => a.BudgetId).HasColumnName("budget_id");
            b.Property(a => a.PeriodStart).HasColumnName("period_start");
            b.Property(a => a.Threshold).HasColumnName("threshold");
            b.Property(a => a.Spent).HasColumnName("spent").HasColumnType("numeric(24,8)");
            b.Property(a => a.CrossedAt).HasColumnName("crossed_at");
        });
        modelBuilder.Entity<CostAnomaly>(b =>
        {
            b.ToTable("cost_anomalies");
            b.HasKey(a => new { a.TenantId, a.Day });
            b.Property(a => a.TenantId).HasColumnName("tenant_id");
            b.Property(a => a.Day).HasColumnName("day");
            b.Property(a => a.Spend).HasColumnName("spend").HasColumnType("numeric(24,8)");
            b.Property(a => a.Ewma).HasColumnName("ewma").HasColumnType("numeric(24,8)");
            b.Property(a => a.ExpectedLow).HasColumnName("expected_low").HasColumnType("numeric(24,8)");
            b.Property(a => a.ExpectedHigh).HasColumnName("expected_high").HasColumnType("numeric(24,8)");
            b.Property(a => a.DetectedAt).HasColumnName("detected_at");
        });
        // Outbox and inbox tables: events commit with the data that caused them.
        modelBuilder.AddReliableMessaging();
    }
}
