using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Migrations;

/// <summary>Daily costs per tenant and category, budgets, and the alerts that make each threshold fire once.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261123010000_Costs")]
public sealed class Costs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "cost_daily",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                tenant_id = t.Column<string>(type: "text", nullable: false),
                day = t.Column<DateOnly>(type: "date", nullable: false),
                category = t.Column<string>(type: "text", nullable: false),
                quantity = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                amount = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_cost_daily", x => new { x.tenant_id, x.day, x.category }));
        migrationBuilder.CreateTable(
            name: "budgets",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = t.Column<string>(type: "text", nullable: false),
                name = t.Column<string>(type: "text", nullable: false),
                category = t.Column<string>(type: "text", nullable: true),
                period = t.Column<string>(type: "text", nullable: false),
                amount = t.Column<decimal>(type: "numeric(14,2)", nullable: false),
                thresholds = t.Column<string>(type: "jsonb", nullable: false),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_budgets", x => x.id));
        migrationBuilder.CreateIndex("IX_budgets_tenant_id", "budgets", "tenant_id", TenancyDbContext.Schema);
        migrationBuilder.CreateTable(
            name: "budget_alerts",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                budget_id = t.Column<Guid>(type: "uuid", nullable: false),
                period_start = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                threshold = t.Column<string>(type: "text", nullable: false),
                spent = t.Column<decimal>(type: "numeric(24,8)", nullable: false),
                crossed_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_budget_alerts", x => new { x.budget_id, x.period_start, x.threshold }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("budget_alerts", TenancyDbContext.Schema);
        migrationBuilder.DropTable("budgets", TenancyDbContext.Schema);
        migrationBuilder.DropTable("cost_daily", TenancyDbContext.Schema);
    }
}
