using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>A service database as the platform's services have one, with outbox and inbox.</summary>
public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public const string Schema = "ledger";

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    public DbSet<AppliedEntry> Applied => Set<AppliedEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<LedgerEntry>(b =>
        {
            b.ToTable("entries");
            b.Property(e => e.Id).HasColumnName("id");
            b.Property(e => e.EntryId).HasColumnName("entry_id");
            b.Property(e => e.Amount).HasColumnName("amount");
        });
        modelBuilder.Entity<AppliedEntry>(b =>
        {
            b.ToTable("applied");
            b.Property(e => e.Id).HasColumnName("id");
            b.Property(e => e.EntryId).HasColumnName("entry_id");
        });
        modelBuilder.AddReliableMessaging();
    }
}
