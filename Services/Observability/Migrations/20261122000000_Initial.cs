using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Observability.Data;

namespace Platform.Observability.Migrations;

/// <summary>The schema and the service-instance registry.</summary>
[DbContext(typeof(ObservabilityDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(ObservabilityDbContext.Schema);
        migrationBuilder.CreateTable(
            name: "service_instances",
            schema: ObservabilityDbContext.Schema,
            columns: table => new
            {
                instance_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                process_id = table.Column<int>(type: "integer", nullable: false),
                started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_service_instances", x => x.instance_id));
        migrationBuilder.CreateIndex(
            name: "IX_service_instances_service",
            schema: ObservabilityDbContext.Schema,
            table: "service_instances",
            column: "service");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "service_instances", schema: ObservabilityDbContext.Schema);
        migrationBuilder.DropSchema(ObservabilityDbContext.Schema);
    }
}
