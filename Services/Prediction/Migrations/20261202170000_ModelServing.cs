using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Prediction.Data;

namespace Platform.Prediction.Migrations;

/// <summary>The operator's activated model versions, and whether a prediction was scored by a stand-in version.</summary>
[DbContext(typeof(PredictionDbContext))]
[Migration("20261202170000_ModelServing")]
public sealed class ModelServing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "model_activations",
            schema: PredictionDbContext.Schema,
            columns: t => new
            {
                name = t.Column<string>(type: "text", nullable: false),
                version = t.Column<int>(type: "integer", nullable: false),
                previous_version = t.Column<int>(type: "integer", nullable: true),
                activated_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_model_activations", x => x.name));
        migrationBuilder.AddColumn<bool>(name: "degraded", table: "predictions", schema: PredictionDbContext.Schema, type: "boolean", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "degraded", table: "predictions", schema: PredictionDbContext.Schema);
        migrationBuilder.DropTable("model_activations", PredictionDbContext.Schema);
    }
}
