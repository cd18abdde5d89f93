using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Alerting.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Alerting.Migrations;

/// <summary>Outbox and inbox tables for reliable messaging.</summary>
[DbContext(typeof(AlertingDbContext))]
[Migration("20261122100000_ReliableMessaging")]
public sealed class ReliableMessaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateReliableMessagingTables(AlertingDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropReliableMessagingTables(AlertingDbContext.Schema);
}
