using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>Created the way the services' own migrations create theirs, outbox and inbox included.</summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000000_Ledger")]
public sealed class LedgerMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(LedgerDbContext.Schema);
        migrationBuilder.CreateTable(
            name: "entries",
            schema: LedgerDbContext.Schema,
            columns: t => new
            {
                id = t.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                entry_id = t.Column<Guid>(type: "uuid", nullable: false),
                amount = t.Column<int>(type: "integer", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_entries", x => x.id));
        migrationBuilder.CreateTable(
            name: "applied",
            schema: LedgerDbContext.Schema,
            columns: t => new
            {
                id = t.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                entry_id = t.Column<Guid>(type: "uuid", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_applied", x => x.id));
        migrationBuilder.CreateReliableMessagingTables(LedgerDbContext.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropReliableMessagingTables(LedgerDbContext.Schema);
        migrationBuilder.DropTable("applied", LedgerDbContext.Schema);
        migrationBuilder.DropTable("entries", LedgerDbContext.Schema);
    }
}
