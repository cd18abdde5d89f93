using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tenancy.Migrations;

/// <summary>Outbox and inbox tables for reliable messaging.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261122100000_ReliableMessaging")]
public sealed class ReliableMessaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateReliableMessagingTables(TenancyDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropReliableMessagingTables(TenancyDbContext.Schema);
}
