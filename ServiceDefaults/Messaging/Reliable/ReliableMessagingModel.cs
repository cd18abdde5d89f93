using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>The outbox and inbox tables, in the schema of the service's own DbContext.</summary>
public static class ReliableMessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";
    private const string OutboxEntity = "Platform.ServiceDefaults.Messaging.Reliable.OutboxMessage";
    private const string InboxEntity = "Platform.ServiceDefaults.Messaging.Reliable.InboxMessage";

    /// <summary>"schema"."table" of an entity in <paramref name="db"/>'s model, for hand-written SQL.</summary>
    public static string QualifiedTable<TEntity>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {typeof(TEntity).Name}: call modelBuilder.AddReliableMessaging() in OnModelCreating.");
        return $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
    }

    /// <summary>Call from OnModelCreating of a DbContext used with AddReliableMessaging.</summary>
    public static ModelBuilder AddReliableMessaging(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable(OutboxTable);
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            b.Property(m => m.MessageId).HasColumnName("message_id");
            b.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500);
            b.Property(m => m.Body).HasColumnName("body");
            b.Property(m => m.TenantId).HasColumnName("tenant_id").HasMaxLength(63);
            b.Property(m => m.CreatedAt).HasColumnName("created_at");
            b.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(ReliableMessagingMigration.TraceParentLength);
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable(InboxTable);
            b.HasKey(m => new { m.Consumer, m.MessageId });
            b.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            b.Property(m => m.MessageId).HasColumnName("message_id");
            b.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            b.HasIndex(m => m.ProcessedAt);
        });
        return modelBuilder;
    }

    /// <summary>The same tables as a migration snapshot sees them (string-typed, schema explicit).</summary>
    public static void BuildSnapshot(ModelBuilder modelBuilder, string schema)
    {
        modelBuilder.Entity(OutboxEntity, b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<string>("Body").IsRequired().HasColumnType("text").HasColumnName("body");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<Guid>("MessageId").HasColumnType("uuid").HasColumnName("message_id");
            b.Property<string>("MessageType").IsRequired().HasMaxLength(500).HasColumnType("character varying(500)").HasColumnName("message_type");
            b.Property<string>("TenantId").HasMaxLength(63).HasColumnType("character varying(63)").HasColumnName("tenant_id");
            b.Property<string>("TraceParent").HasMaxLength(ReliableMessagingMigration.TraceParentLength).HasColumnType("character varying(55)").HasColumnName("trace_parent");
            b.HasKey("Id");
            b.ToTable(OutboxTable, schema);
        });
        modelBuilder.Entity(InboxEntity, b =>
        {
            b.Property<string>("Consumer").HasMaxLength(200).HasColumnType("character varying(200)").HasColumnName("consumer");
            b.Property<Guid>("MessageId").HasColumnType("uuid").HasColumnName("message_id");
            b.Property<DateTimeOffset>("ProcessedAt").HasColumnType("timestamp with time zone").HasColumnName("processed_at");
            b.HasKey("Consumer", "MessageId");
            b.HasIndex("ProcessedAt");
            b.ToTable(InboxTable, schema);
        });
    }
}
