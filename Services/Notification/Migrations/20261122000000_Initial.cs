using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Notification.Data;

namespace Platform.Notification.Migrations;

/// <summary>Creates the service's schema; its tables arrive with the features that own them.</summary>
[DbContext(typeof(NotificationDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.EnsureSchema(NotificationDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropSchema(NotificationDbContext.Schema);
}
