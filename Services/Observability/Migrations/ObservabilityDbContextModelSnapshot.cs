using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.Observability.Data;

namespace Platform.Observability.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand (the EF design-time package is not
/// available here). EF compares it with the live model at startup and refuses to migrate when
/// they differ, so a model change without a migration fails fast in the tests.
/// </summary>
[DbContext(typeof(ObservabilityDbContext))]
internal sealed class ObservabilityDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ObservabilityDbContext.Schema);
        modelBuilder.Entity("Platform.Observability.Instances.ServiceInstance", b =>
        {
            b.Property<string>("InstanceId").HasMaxLength(200).HasColumnType("character varying(200)").HasColumnName("instance_id");
            b.Property<string>("Host").IsRequired().HasMaxLength(255).HasColumnType("character varying(255)").HasColumnName("host");
            b.Property<int>("ProcessId").HasColumnType("integer").HasColumnName("process_id");
            b.Property<DateTimeOffset>("LastSeenAt").HasColumnType("timestamp with time zone").HasColumnName("last_seen_at");
            b.Property<string>("Service").IsRequired().HasMaxLength(100).HasColumnType("character varying(100)").HasColumnName("service");
            b.Property<DateTimeOffset>("StartedAt").HasColumnType("timestamp with time zone").HasColumnName("started_at");
            b.Property<string>("Version").IsRequired().HasMaxLength(100).HasColumnType("character varying(100)").HasColumnName("version");
            b.HasKey("InstanceId");
            b.HasIndex("Service");
            b.ToTable("service_instances", ObservabilityDbContext.Schema);
        });
        ReliableMessagingModel.BuildSnapshot(modelBuilder, ObservabilityDbContext.Schema);
    }
}
