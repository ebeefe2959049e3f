using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ExposuresWrittenOnlyByTheManifestImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_exposure_changes_import_runs_import_run_id",
                table: "exposure_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_exposure_changes_incidents_incident_id",
                table: "exposure_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_exposure_changes_people_person_id",
                table: "exposure_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_exposures_incidents_incident_id",
                table: "exposures");

            migrationBuilder.DropForeignKey(
                name: "fk_exposures_people_person_id",
                table: "exposures");

            migrationBuilder.DropIndex(
                name: "ix_exposure_changes_incident_id",
                table: "exposure_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_incident_id",
                table: "exposure_changes",
                column: "incident_id");

            migrationBuilder.AddForeignKey(
                name: "fk_exposure_changes_import_runs_import_run_id",
                table: "exposure_changes",
                column: "import_run_id",
                principalTable: "import_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_exposure_changes_incidents_incident_id",
                table: "exposure_changes",
                column: "incident_id",
                principalTable: "incidents",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_exposure_changes_people_person_id",
                table: "exposure_changes",
                column: "person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_exposures_incidents_incident_id",
                table: "exposures",
                column: "incident_id",
                principalTable: "incidents",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_exposures_people_person_id",
                table: "exposures",
                column: "person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
