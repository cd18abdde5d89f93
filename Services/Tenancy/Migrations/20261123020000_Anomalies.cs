using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Migrations;

/// <summary>Days whose spend the EWMA chart flagged, one row per tenant and day.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261123020000_Anomalies")]
public sealed class Anomalies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "cost_anomalies",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                tenant_id = t.Column<string>(type: "text", nullable: false),
                day = t.Column<DateOnly>(type: "date", nullable: false),
                spend = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                ewma = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                expected_low = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                expected_high = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                detected_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_cost_anomalies", x => new { x.tenant_id, x.day }));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("cost_anomalies", TenancyDbContext.Schema);
}
