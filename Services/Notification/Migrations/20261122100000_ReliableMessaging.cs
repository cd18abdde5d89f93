using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Notification.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Notification.Migrations;

/// <summary>Outbox and inbox tables for reliable messaging.</summary>
[DbContext(typeof(NotificationDbContext))]
[Migration("20261122100000_ReliableMessaging")]
public sealed class ReliableMessaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateReliableMessagingTables(NotificationDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropReliableMessagingTables(NotificationDbContext.Schema);
}
