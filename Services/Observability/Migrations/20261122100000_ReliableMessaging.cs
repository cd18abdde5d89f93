using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Observability.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Observability.Migrations;

/// <summary>Outbox and inbox tables for reliable messaging.</summary>
[DbContext(typeof(ObservabilityDbContext))]
[Migration("20261122100000_ReliableMessaging")]
public sealed class ReliableMessaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateReliableMessagingTables(ObservabilityDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropReliableMessagingTables(ObservabilityDbContext.Schema);
}
