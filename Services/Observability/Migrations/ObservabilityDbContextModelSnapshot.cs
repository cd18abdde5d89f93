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
        modelBuilder.Entity("Platform.Observability.DeadLetters.DeadLetter", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<DateTimeOffset>("ArchivedAt").HasColumnType("timestamp with time zone").HasColumnName("archived_at");
            b.Property<byte[]>("Body").IsRequired().HasColumnType("bytea").HasColumnName("body");
            b.Property<string>("ContentType").HasMaxLength(255).HasColumnType("character varying(255)").HasColumnName("content_type");
            b.Property<string>("DedupeKey").IsRequired().HasMaxLength(200).HasColumnType("character varying(200)").HasColumnName("dedupe_key");
            b.Property<string>("ExceptionMessage").HasColumnType("text").HasColumnName("exception_message");
            b.Property<string>("ExceptionType").HasMaxLength(500).HasColumnType("character varying(500)").HasColumnName("exception_type");
            b.Property<DateTimeOffset>("FailedAt").HasColumnType("timestamp with time zone").HasColumnName("failed_at");
            b.Property<string>("Headers").IsRequired().HasColumnType("text").HasColumnName("headers");
            b.Property<Guid?>("MessageId").HasColumnType("uuid").HasColumnName("message_id");
            b.Property<string>("MessageType").HasMaxLength(500).HasColumnType("character varying(500)").HasColumnName("message_type");
            b.Property<string>("Notes").HasMaxLength(2000).HasColumnType("character varying(2000)").HasColumnName("notes");
            b.Property<string>("OriginalQueue").IsRequired().HasMaxLength(255).HasColumnType("character varying(255)").HasColumnName("original_queue");
            b.Property<string>("Queue").IsRequired().HasMaxLength(255).HasColumnType("character varying(255)").HasColumnName("queue");
            b.Property<string>("Reason").IsRequired().HasMaxLength(40).HasColumnType("character varying(40)").HasColumnName("reason");
            b.Property<int>("RedeliveryCount").HasColumnType("integer").HasColumnName("redelivery_count");
            b.Property<string>("Resolution").HasMaxLength(20).HasColumnType("character varying(20)").HasColumnName("resolution");
            b.Property<bool>("Resolved").HasColumnType("boolean").HasColumnName("resolved");
            b.Property<DateTimeOffset?>("ResolvedAt").HasColumnType("timestamp with time zone").HasColumnName("resolved_at");
            b.Property<int>("RetryCount").HasColumnType("integer").HasColumnName("retry_count");
            b.Property<string>("StackTrace").HasColumnType("text").HasColumnName("stack_trace");
            b.Property<string>("TenantId").HasMaxLength(63).HasColumnType("character varying(63)").HasColumnName("tenant_id");
            b.HasKey("Id");
            b.HasIndex("DedupeKey").IsUnique().HasFilter("NOT resolved");
            b.HasIndex("Queue");
            b.HasIndex("Resolved", "FailedAt");
            b.ToTable("dead_letters", ObservabilityDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Observability.DeadLetters.DeadLetterSource", b =>
        {
            b.Property<string>("Queue").HasMaxLength(255).HasColumnType("character varying(255)").HasColumnName("queue");
            b.Property<DateTimeOffset>("FirstSeenAt").HasColumnType("timestamp with time zone").HasColumnName("first_seen_at");
            b.Property<string>("Service").IsRequired().HasMaxLength(100).HasColumnType("character varying(100)").HasColumnName("service");
            b.HasKey("Queue");
            b.ToTable("dead_letter_sources", ObservabilityDbContext.Schema);
        });
        ReliableMessagingModel.BuildSnapshot(modelBuilder, ObservabilityDbContext.Schema);
    }
}
