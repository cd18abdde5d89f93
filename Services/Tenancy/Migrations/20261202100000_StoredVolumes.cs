using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Migrations;

/// <summary>The latest storage sample per tenant and store, for the storage quota.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261202100000_StoredVolumes")]
public sealed class StoredVolumes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "stored_volumes",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                tenant_id = t.Column<string>(type: "text", nullable: false),
                store = t.Column<string>(type: "text", nullable: false),
                gigabytes = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                sampled_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_stored_volumes", x => new { x.tenant_id, x.store }));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("stored_volumes", TenancyDbContext.Schema);
}
