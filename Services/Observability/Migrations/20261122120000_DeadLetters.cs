using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Platform.Observability.Data;

namespace Platform.Observability.Migrations;

/// <summary>The dead-letter archive and the queues it drains.</summary>
[DbContext(typeof(ObservabilityDbContext))]
[Migration("20261122120000_DeadLetters")]
public sealed class DeadLetters : Migration
{
    private const string Schema = ObservabilityDbContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "dead_letters",
            schema: Schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                message_id = table.Column<Guid>(type: "uuid", nullable: true),
                queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                original_queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                message_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                exception_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                exception_message = table.Column<string>(type: "text", nullable: true),
                stack_trace = table.Column<string>(type: "text", nullable: true),
                retry_count = table.Column<int>(type: "integer", nullable: false),
                redelivery_count = table.Column<int>(type: "integer", nullable: false),
                failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                resolved = table.Column<bool>(type: "boolean", nullable: false),
                resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                headers = table.Column<string>(type: "text", nullable: false),
                content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                body = table.Column<byte[]>(type: "bytea", nullable: false),
                dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_dead_letters", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_dead_letters_dedupe_key", schema: Schema, table: "dead_letters", column: "dedupe_key", unique: true, filter: "NOT resolved");
        migrationBuilder.CreateIndex(name: "IX_dead_letters_resolved_failed_at", schema: Schema, table: "dead_letters", columns: ["resolved", "failed_at"]);
        migrationBuilder.CreateIndex(name: "IX_dead_letters_queue", schema: Schema, table: "dead_letters", column: "queue");

        migrationBuilder.CreateTable(
            name: "dead_letter_sources",
            schema: Schema,
            columns: table => new
            {
                queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_dead_letter_sources", x => x.queue));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "dead_letter_sources", schema: Schema);
        migrationBuilder.DropTable(name: "dead_letters", schema: Schema);
    }
}
