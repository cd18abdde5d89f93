using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Tenancy.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tenancy.Migrations;

/// <summary>Outbox rows carry the trace of the unit of work that staged them.</summary>
[DbContext(typeof(TenancyDbContext))]
[Migration("20261201100000_OutboxTraceParent")]
public sealed class OutboxTraceParent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddOutboxTraceParent(TenancyDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropOutboxTraceParent(TenancyDbContext.Schema);
}
