using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Prediction.Data;

namespace Platform.Prediction.Migrations;

/// <summary>Stored predictions: per tenant, with the features scored and every factor's contribution.</summary>
[DbContext(typeof(PredictionDbContext))]
[Migration("20261202120000_Predictions")]
public sealed class Predictions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "predictions",
            schema: PredictionDbContext.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = t.Column<string>(type: "text", nullable: false),
                patient_id = t.Column<string>(type: "text", nullable: false),
                model_name = t.Column<string>(type: "text", nullable: false),
                model_version = t.Column<int>(type: "integer", nullable: false),
                risk = t.Column<double>(type: "double precision", nullable: false),
                level = t.Column<string>(type: "text", nullable: false),
                logit = t.Column<double>(type: "double precision", nullable: false),
                baseline = t.Column<double>(type: "double precision", nullable: false),
                features = t.Column<string>(type: "jsonb", nullable: false),
                factors = t.Column<string>(type: "jsonb", nullable: false),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_predictions", x => x.id));
        migrationBuilder.CreateIndex("IX_predictions_tenant_id_created_at", "predictions", ["tenant_id", "created_at"], PredictionDbContext.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("predictions", PredictionDbContext.Schema);
}
