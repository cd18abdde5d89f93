using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Observability.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Observability.Migrations;

/// <summary>Outbox rows carry the trace of the unit of work that staged them.</summary>
[DbContext(typeof(ObservabilityDbContext))]
[Migration("20261201100000_OutboxTraceParent")]
public sealed class OutboxTraceParent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddOutboxTraceParent(ObservabilityDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropOutboxTraceParent(ObservabilityDbContext.Schema);
}
