using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

[DbContext(typeof(LedgerDbContext))]
public sealed class LedgerDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(LedgerDbContext.Schema);
        modelBuilder.Entity("Platform.Tests.Messaging.LedgerEntry", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<int>("Amount").HasColumnType("integer").HasColumnName("amount");
            b.Property<Guid>("EntryId").HasColumnType("uuid").HasColumnName("entry_id");
            b.HasKey("Id");
            b.ToTable("entries", LedgerDbContext.Schema);
        });
        modelBuilder.Entity("Platform.Tests.Messaging.AppliedEntry", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id")
                .HasAnnotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            b.Property<Guid>("EntryId").HasColumnType("uuid").HasColumnName("entry_id");
            b.HasKey("Id");
            b.ToTable("applied", LedgerDbContext.Schema);
        });
        ReliableMessagingModel.BuildSnapshot(modelBuilder, LedgerDbContext.Schema);
    }
}
