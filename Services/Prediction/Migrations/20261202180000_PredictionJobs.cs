using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Prediction.Data;

namespace Platform.Prediction.Migrations;

/// <summary>Asynchronous prediction jobs, and which job and input row a stored prediction answers.</summary>
[DbContext(typeof(PredictionDbContext))]
[Migration("20261202180000_PredictionJobs")]
public sealed class PredictionJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "prediction_jobs",
            schema: PredictionDbContext.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = t.Column<string>(type: "text", nullable: false),
                status = t.Column<string>(type: "text", nullable: false),
                model = t.Column<string>(type: "text", nullable: false),
                requested_version = t.Column<int>(type: "integer", nullable: true),
                model_version = t.Column<int>(type: "integer", nullable: true),
                degraded = t.Column<bool>(type: "boolean", nullable: false),
                rows = t.Column<int>(type: "integer", nullable: false),
                scored = t.Column<int>(type: "integer", nullable: false),
                input = t.Column<string>(type: "jsonb", nullable: false),
                errors = t.Column<string>(type: "jsonb", nullable: false),
                quota_refused_rows = t.Column<string>(type: "jsonb", nullable: false),
                deliveries = t.Column<int>(type: "integer", nullable: false),
                failure = t.Column<string>(type: "text", nullable: true),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                completed_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_prediction_jobs", x => x.id));
        migrationBuilder.AddColumn<Guid>(name: "job_id", table: "predictions", schema: PredictionDbContext.Schema, type: "uuid", nullable: true);
        migrationBuilder.AddColumn<int>(name: "row_index", table: "predictions", schema: PredictionDbContext.Schema, type: "integer", nullable: true);
        migrationBuilder.CreateIndex("IX_predictions_job_id_row_index", "predictions", ["job_id", "row_index"], PredictionDbContext.Schema, filter: "job_id IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_predictions_job_id_row_index", "predictions", PredictionDbContext.Schema);
        migrationBuilder.DropColumn(name: "row_index", table: "predictions", schema: PredictionDbContext.Schema);
        migrationBuilder.DropColumn(name: "job_id", table: "predictions", schema: PredictionDbContext.Schema);
        migrationBuilder.DropTable("prediction_jobs", PredictionDbContext.Schema);
    }
}
