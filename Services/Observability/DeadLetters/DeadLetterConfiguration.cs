using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Observability.DeadLetters;

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>, IEntityTypeConfiguration<DeadLetterSource>
{
    public const int MaxQueue = 255;
    public const int MaxNotes = 2000;

    public void Configure(EntityTypeBuilder<DeadLetter> b)
    {
        b.ToTable("dead_letters");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        b.Property(d => d.MessageId).HasColumnName("message_id");
        b.Property(d => d.Queue).HasColumnName("queue").HasMaxLength(MaxQueue);
        b.Property(d => d.OriginalQueue).HasColumnName("original_queue").HasMaxLength(MaxQueue);
        b.Property(d => d.MessageType).HasColumnName("message_type").HasMaxLength(500);
        b.Property(d => d.TenantId).HasColumnName("tenant_id").HasMaxLength(63);
        b.Property(d => d.Reason).HasColumnName("reason").HasMaxLength(40);
        b.Property(d => d.ExceptionType).HasColumnName("exception_type").HasMaxLength(500);
        b.Property(d => d.ExceptionMessage).HasColumnName("exception_message");
        b.Property(d => d.StackTrace).HasColumnName("stack_trace");
        b.Property(d => d.RetryCount).HasColumnName("retry_count");
        b.Property(d => d.RedeliveryCount).HasColumnName("redelivery_count");
        b.Property(d => d.FailedAt).HasColumnName("failed_at");
        b.Property(d => d.ArchivedAt).HasColumnName("archived_at");
        b.Property(d => d.Resolved).HasColumnName("resolved");
        b.Property(d => d.ResolvedAt).HasColumnName("resolved_at");
        b.Property(d => d.Resolution).HasColumnName("resolution").HasMaxLength(20);
        b.Property(d => d.Notes).HasColumnName("notes").HasMaxLength(MaxNotes);
        b.Property(d => d.Headers).HasColumnName("headers");
        b.Property(d => d.ContentType).HasColumnName("content_type").HasMaxLength(255);
        b.Property(d => d.Body).HasColumnName("body");
        b.Property(d => d.DedupeKey).HasColumnName("dedupe_key").HasMaxLength(200);
        // Unique among unresolved records: a delivery archived twice (lost ack) is stored once, while
        // a message that fails again after an operator retried it gets a new record.
        b.HasIndex(d => d.DedupeKey).IsUnique().HasFilter("NOT resolved");
        b.HasIndex(d => new { d.Resolved, d.FailedAt });
        b.HasIndex(d => d.Queue);
    }

    public void Configure(EntityTypeBuilder<DeadLetterSource> b)
    {
        b.ToTable("dead_letter_sources");
        b.HasKey(s => s.Queue);
        b.Property(s => s.Queue).HasColumnName("queue").HasMaxLength(MaxQueue);
        b.Property(s => s.Service).HasColumnName("service").HasMaxLength(100);
        b.Property(s => s.FirstSeenAt).HasColumnName("first_seen_at");
    }
}
