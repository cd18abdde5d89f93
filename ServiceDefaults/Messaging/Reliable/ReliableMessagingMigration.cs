using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>Creates the outbox and inbox tables; each service's migrations call these for its schema.</summary>
public static class ReliableMessagingMigration
{
    /// <summary>A W3C traceparent: version, trace id, span id and flags ("00-{32}-{16}-{2}").</summary>
    public const int TraceParentLength = 55;

    /// <summary>Second step: the outbox row remembers the trace of the unit of work that staged it.</summary>
    public static void AddOutboxTraceParent(this MigrationBuilder migrationBuilder, string schema) =>
        migrationBuilder.AddColumn<string>(
            name: "trace_parent", schema: schema, table: ReliableMessagingModel.OutboxTable,
            type: "character varying(55)", maxLength: TraceParentLength, nullable: true);

    public static void DropOutboxTraceParent(this MigrationBuilder migrationBuilder, string schema) =>
        migrationBuilder.DropColumn(name: "trace_parent", schema: schema, table: ReliableMessagingModel.OutboxTable);

    public static void CreateReliableMessagingTables(this MigrationBuilder migrationBuilder, string schema)
    {
        migrationBuilder.CreateTable(
            name: ReliableMessagingModel.OutboxTable,
            schema: schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                message_type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                body = table.Column<string>(type: "text", nullable: false),
                tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_outbox_messages", x => x.id));

        migrationBuilder.CreateTable(
            name: ReliableMessagingModel.InboxTable,
            schema: schema,
            columns: table => new
            {
                consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_inbox_messages", x => new { x.consumer, x.message_id }));

        migrationBuilder.CreateIndex(
            name: "IX_inbox_messages_processed_at",
            schema: schema,
            table: ReliableMessagingModel.InboxTable,
            column: "processed_at");
    }

    public static void DropReliableMessagingTables(this MigrationBuilder migrationBuilder, string schema)
    {
        migrationBuilder.DropTable(name: ReliableMessagingModel.InboxTable, schema: schema);
        migrationBuilder.DropTable(name: ReliableMessagingModel.OutboxTable, schema: schema);
    }
}
