using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Prediction.Data;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Prediction.Migrations;

/// <summary>Outbox and inbox tables for reliable messaging.</summary>
[DbContext(typeof(PredictionDbContext))]
[Migration("20261122100000_ReliableMessaging")]
public sealed class ReliableMessaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateReliableMessagingTables(PredictionDbContext.Schema);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropReliableMessagingTables(PredictionDbContext.Schema);
}
