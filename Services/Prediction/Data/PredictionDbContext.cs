using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Data;

/// <summary>The prediction service's own database; no other service reads it.</summary>
public sealed class PredictionDbContext(DbContextOptions<PredictionDbContext> options) : DbContext(options)
{
    public const string Schema = "prediction";

    public DbSet<StoredPrediction> Predictions => Set<StoredPrediction>();

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
            b.Property(p => p.Features).HasColumnName("features").HasColumnType("jsonb");
            b.Property(p => p.Factors).HasColumnName("factors").HasColumnType("jsonb");
            b.Property(p => p.CreatedAt).HasColumnName("created_at");
            // Every read is one tenant's, newest first.
            b.HasIndex(p => new { p.TenantId, p.CreatedAt }).HasDatabaseName("IX_predictions_tenant_id_created_at");
        });
        // Outbox and inbox tables: events commit with the data that caused them.
        modelBuilder.AddReliableMessaging();
    }
}
