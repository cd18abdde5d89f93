using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Rag.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Rag.Migrations;

/// <summary>Outbox rows carry the trace of the unit of work that staged them.</summary>
[DbContext(typeof(RagDbContext))]
[Migration("20261201100000_OutboxTraceParent")]
public sealed class OutboxTraceParent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddOutboxTraceParent(RagDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropOutboxTraceParent(RagDbContext.Schema);
}
