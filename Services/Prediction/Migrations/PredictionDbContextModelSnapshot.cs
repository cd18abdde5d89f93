using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.Prediction.Data;

namespace Platform.Prediction.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand (the EF design-time package is not
/// available here). EF compares it with the live model at startup and refuses to migrate when
/// they differ, so a model change without a migration fails fast in the tests.
/// </summary>
[DbContext(typeof(PredictionDbContext))]
internal sealed class PredictionDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(PredictionDbContext.Schema);
        modelBuilder.Entity("Platform.Prediction.Predictions.StoredPrediction", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<double>("Baseline").HasColumnType("double precision").HasColumnName("baseline");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<bool>("Degraded").HasColumnType("boolean").HasColumnName("degraded");
            b.Property<string>("Factors").IsRequired().HasColumnType("json").HasColumnName("factors");
            b.Property<string>("Features").IsRequired().HasColumnType("json").HasColumnName("features");
            b.Property<Guid?>("JobId").HasColumnType("uuid").HasColumnName("job_id");
            b.Property<string>("Level").IsRequired().HasColumnType("text").HasColumnName("level");
            b.Property<double>("Logit").HasColumnType("double precision").HasColumnName("logit");
            b.Property<string>("ModelName").IsRequired().HasColumnType("text").HasColumnName("model_name");
            b.Property<int>("ModelVersion").HasColumnType("integer").HasColumnName("model_version");
            b.Property<string>("PatientId").IsRequired().HasColumnType("text").HasColumnName("patient_id");
            b.Property<double>("Risk").HasColumnType("double precision").HasColumnName("risk");
            b.Property<int?>("RowIndex").HasColumnType("integer").HasColumnName("row_index");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id");
            b.HasKey("Id");
            b.HasIndex("JobId", "RowIndex").HasDatabaseName("IX_predictions_job_id_row_index").HasFilter("job_id IS NOT NULL");
            b.HasIndex("TenantId", "CreatedAt").HasDatabaseName("IX_predictions_tenant_id_created_at");
            b.ToTable("predictions", PredictionDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Prediction.Jobs.PredictionJob", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<DateTimeOffset?>("CompletedAt").HasColumnType("timestamp with time zone").HasColumnName("completed_at");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<bool>("Degraded").HasColumnType("boolean").HasColumnName("degraded");
            b.Property<int>("Deliveries").HasColumnType("integer").HasColumnName("deliveries");
            b.Property<string>("Errors").IsRequired().HasColumnType("jsonb").HasColumnName("errors");
            b.Property<string>("Failure").HasColumnType("text").HasColumnName("failure");
            b.Property<string>("Input").IsRequired().HasColumnType("jsonb").HasColumnName("input");
            b.Property<string>("Model").IsRequired().HasColumnType("text").HasColumnName("model");
            b.Property<int?>("ModelVersion").HasColumnType("integer").HasColumnName("model_version");
            b.Property<string>("QuotaRefusedRows").IsRequired().HasColumnType("jsonb").HasColumnName("quota_refused_rows");
            b.Property<int?>("RequestedVersion").HasColumnType("integer").HasColumnName("requested_version");
            b.Property<int>("Rows").HasColumnType("integer").HasColumnName("rows");
            b.Property<int>("Scored").HasColumnType("integer").HasColumnName("scored");
            b.Property<string>("Status").IsRequired().HasColumnType("text").HasColumnName("status");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id");
            b.HasKey("Id");
            b.ToTable("prediction_jobs", PredictionDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Prediction.Outcomes.PredictionOutcome", b =>
        {
            b.Property<Guid>("PredictionId").HasColumnType("uuid").HasColumnName("prediction_id");
            b.Property<bool>("Interrupted").HasColumnType("boolean").HasColumnName("interrupted");
            b.Property<DateTimeOffset>("ObservedAt").HasColumnType("timestamp with time zone").HasColumnName("observed_at");
            b.Property<DateTimeOffset>("RecordedAt").HasColumnType("timestamp with time zone").HasColumnName("recorded_at");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id");
            b.HasKey("PredictionId");
            b.ToTable("prediction_outcomes", PredictionDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Prediction.Models.ModelActivation", b =>
        {
            b.Property<string>("Name").HasColumnType("text").HasColumnName("name");
            b.Property<DateTimeOffset>("ActivatedAt").HasColumnType("timestamp with time zone").HasColumnName("activated_at");
            b.Property<int?>("PreviousVersion").HasColumnType("integer").HasColumnName("previous_version");
            b.Property<int>("Version").HasColumnType("integer").HasColumnName("version");
            b.HasKey("Name");
            b.ToTable("model_activations", PredictionDbContext.Schema);
        });
        ReliableMessagingModel.BuildSnapshot(modelBuilder, PredictionDbContext.Schema);
    }
}
