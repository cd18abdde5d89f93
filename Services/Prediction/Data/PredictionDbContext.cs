using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Platform.Prediction.Jobs;
using Platform.Prediction.Models;
using Platform.Prediction.Outcomes;
using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Data;

/// <summary>
/// The prediction service's own database; no other service reads it. Predictions, outcomes and jobs are filtered to
/// the ambient tenant in every query (no tenant, no rows): isolation does not rest on each query
/// remembering it. The context is pooled, so the tenant is read from the ambient accessor (an
/// async-local) at query time rather than captured when the context was made.
/// </summary>
public sealed class PredictionDbContext(DbContextOptions<PredictionDbContext> options) : DbContext(options)
{
    public const string Schema = "prediction";

    private static readonly TenantContextAccessor Tenants = new();

    public DbSet<StoredPrediction> Predictions => Set<StoredPrediction>();

    public DbSet<PredictionOutcome> Outcomes => Set<PredictionOutcome>();

    public DbSet<PredictionJob> Jobs => Set<PredictionJob>();

    public DbSet<ModelActivation> ModelActivations => Set<ModelActivation>();

    private string? CurrentTenantId => Tenants.Tenant?.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A schema per service keeps the tables apart even where an operator puts several
        // services in one physical database.
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<StoredPrediction>(b =>
        {
            b.ToTable("predictions");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).HasColumnName("id");
            b.Property(p => p.TenantId).HasColumnName("tenant_id");
            b.Property(p => p.PatientId).HasColumnName("patient_id");
            b.Property(p => p.ModelName).HasColumnName("model_name");
            b.Property(p => p.ModelVersion).HasColumnName("model_version");
            b.Property(p => p.Risk).HasColumnName("risk");
            b.Property(p => p.Level).HasColumnName("level").HasConversion(v => StoredPrediction.LevelColumn(v), v => Enum.Parse<RiskLevel>(v, true));
            b.Property(p => p.Logit).HasColumnName("logit");
            b.Property(p => p.Baseline).HasColumnName("baseline");
            b.Property(p => p.Degraded).HasColumnName("degraded");
            b.Property(p => p.JobId).HasColumnName("job_id");
            b.Property(p => p.RowIndex).HasColumnName("row_index");
            b.Property(p => p.Features).HasColumnName("features").HasColumnType("json");
            b.Property(p => p.Factors).HasColumnName("factors").HasColumnType("json");
            b.Property(p => p.CreatedAt).HasColumnName("created_at");
            // Every read is one tenant's, newest first.
            b.HasIndex(p => new { p.TenantId, p.CreatedAt }).HasDatabaseName("IX_predictions_tenant_id_created_at");
            // A job's results are read a range of rows at a time.
            b.HasIndex(p => new { p.JobId, p.RowIndex }).HasDatabaseName("IX_predictions_job_id_row_index").HasFilter("job_id IS NOT NULL");
            b.HasQueryFilter(p => p.TenantId == CurrentTenantId);
        });
        modelBuilder.Entity<PredictionJob>(b =>
        {
            b.ToTable("prediction_jobs");
            b.HasKey(j => j.Id);
            b.Property(j => j.Id).HasColumnName("id");
            b.Property(j => j.TenantId).HasColumnName("tenant_id");
            b.Property(j => j.Status).HasColumnName("status").HasConversion(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<JobStatus>(v, true));
            b.Property(j => j.Model).HasColumnName("model");
            b.Property(j => j.RequestedVersion).HasColumnName("requested_version");
            b.Property(j => j.ModelVersion).HasColumnName("model_version");
            b.Property(j => j.Degraded).HasColumnName("degraded");
            b.Property(j => j.Rows).HasColumnName("rows");
            b.Property(j => j.Scored).HasColumnName("scored");
            b.Property(j => j.Input).HasColumnName("input").HasColumnType("jsonb");
            b.Property(j => j.Errors).HasColumnName("errors").HasColumnType("jsonb");
            b.Property(j => j.QuotaRefusedRows).HasColumnName("quota_refused_rows").HasColumnType("jsonb");
            b.Property(j => j.Deliveries).HasColumnName("deliveries");
            b.Property(j => j.Failure).HasColumnName("failure");
            b.Property(j => j.CreatedAt).HasColumnName("created_at");
            b.Property(j => j.CompletedAt).HasColumnName("completed_at");
            b.HasQueryFilter(j => j.TenantId == CurrentTenantId);
        });
        modelBuilder.Entity<PredictionOutcome>(b =>
        {
            b.ToTable("prediction_outcomes");
            b.HasKey(o => o.PredictionId);
            b.Property(o => o.PredictionId).HasColumnName("prediction_id");
            b.Property(o => o.TenantId).HasColumnName("tenant_id");
            b.Property(o => o.Interrupted).HasColumnName("interrupted");
            b.Property(o => o.ObservedAt).HasColumnName("observed_at");
            b.Property(o => o.RecordedAt).HasColumnName("recorded_at");
            b.HasQueryFilter(o => o.TenantId == CurrentTenantId);
        });
        modelBuilder.Entity<ModelActivation>(b =>
        {
            b.ToTable("model_activations");
            b.HasKey(a => a.Name);
            b.Property(a => a.Name).HasColumnName("name");
            b.Property(a => a.Version).HasColumnName("version");
            b.Property(a => a.PreviousVersion).HasColumnName("previous_version");
            b.Property(a => a.ActivatedAt).HasColumnName("activated_at");
        });
        // Outbox and inbox tables: events commit with the data that caused them.
        modelBuilder.AddReliableMessaging();
    }
}
