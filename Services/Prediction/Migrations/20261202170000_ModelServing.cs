using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Prediction.Data;

namespace Platform.Prediction.Migrations;

/// <summary>
/// The operator's activated model versions, whether a prediction was scored by a stand-in version,
/// and the outcomes tenants report (one per prediction; the foreign key lives only in the
/// database: the EF model has no navigation between the two).
/// </summary>
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
        migrationBuilder.CreateTable(
            name: "prediction_outcomes",
            schema: PredictionDbContext.Schema,
            columns: t => new
            {
                prediction_id = t.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = t.Column<string>(type: "text", nullable: false),
                interrupted = t.Column<bool>(type: "boolean", nullable: false),
                observed_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                recorded_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_prediction_outcomes", x => x.prediction_id);
                t.ForeignKey("FK_prediction_outcomes_predictions", x => x.prediction_id, principalTable: "predictions", principalSchema: PredictionDbContext.Schema,
                    principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.AddColumn<bool>(name: "degraded", table: "predictions", schema: PredictionDbContext.Schema, type: "boolean", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "degraded", table: "predictions", schema: PredictionDbContext.Schema);
        migrationBuilder.DropTable("model_activations", PredictionDbContext.Schema);
        migrationBuilder.DropTable("prediction_outcomes", PredictionDbContext.Schema);
    }
}
