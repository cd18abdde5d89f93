using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Migrations;

/// <summary>Tenants, their API keys (hashes only) and quota usage per period.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261123000000_Tenants")]
public sealed class Tenants : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tenants",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                id = t.Column<string>(type: "text", nullable: false),
                name = t.Column<string>(type: "text", nullable: false),
                tier = t.Column<string>(type: "text", nullable: false),
                status = t.Column<string>(type: "text", nullable: false),
                subdomain = t.Column<string>(type: "text", nullable: false),
                settings = t.Column<string>(type: "jsonb", nullable: true),
                monthly_prediction_quota = t.Column<long>(type: "bigint", nullable: true),
                suspension_reason = t.Column<string>(type: "text", nullable: true),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_tenants", x => x.id));
        migrationBuilder.CreateIndex(TenancyDbContext.TenantSubdomainIndex, "tenants", "subdomain", TenancyDbContext.Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "api_keys",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = t.Column<string>(type: "text", nullable: false),
                name = t.Column<string>(type: "text", nullable: true),
                hint = t.Column<string>(type: "text", nullable: false),
                hash = t.Column<byte[]>(type: "bytea", nullable: false),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                expires_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                revoked_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_used_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_api_keys", x => x.id));
        migrationBuilder.CreateIndex(TenancyDbContext.ApiKeyHashIndex, "api_keys", "hash", TenancyDbContext.Schema, unique: true);
        migrationBuilder.CreateIndex("IX_api_keys_tenant_id", "api_keys", "tenant_id", TenancyDbContext.Schema);

        migrationBuilder.CreateTable(
            name: "quota_usage",
            schema: TenancyDbContext.Schema,
            columns: t => new
            {
                tenant_id = t.Column<string>(type: "text", nullable: false),
                metric = t.Column<string>(type: "text", nullable: false),
                period_start = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                used = t.Column<long>(type: "bigint", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_quota_usage", x => new { x.tenant_id, x.metric, x.period_start }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("quota_usage", TenancyDbContext.Schema);
        migrationBuilder.DropTable("api_keys", TenancyDbContext.Schema);
        migrationBuilder.DropTable("tenants", TenancyDbContext.Schema);
    }
}
