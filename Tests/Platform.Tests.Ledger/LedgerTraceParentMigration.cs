using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>The services' second reliable-messaging step, as they take it.</summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261201100000_OutboxTraceParent")]
public sealed class LedgerTraceParentMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddOutboxTraceParent(LedgerDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropOutboxTraceParent(LedgerDbContext.Schema);
}
