using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExposuresKeyedByPersonWithOneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_exposures",
                table: "exposures");

            migrationBuilder.DropIndex(
                name: "ix_exposures_incident_id_person_id",
                table: "exposures");

            migrationBuilder.DropIndex(
                name: "ix_exposures_person_id",
                table: "exposures");

            migrationBuilder.DropIndex(
                name: "ix_exposure_changes_changed_utc",
                table: "exposure_changes");

            migrationBuilder.DropIndex(
                name: "ix_exposure_changes_import_run_id",
                table: "exposure_changes");

            migrationBuilder.DropColumn(
                name: "id",
                table: "exposures");

            migrationBuilder.AddPrimaryKey(
                name: "pk_exposures",
                table: "exposures",
                columns: new[] { "person_id", "incident_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_exposures",
                table: "exposures");

            migrationBuilder.AddColumn<int>(
                name: "id",
                table: "exposures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_exposures",
                table: "exposures",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_exposures_incident_id_person_id",
                table: "exposures",
                columns: new[] { "incident_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exposures_person_id",
                table: "exposures",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_changed_utc",
                table: "exposure_changes",
                column: "changed_utc");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_import_run_id",
                table: "exposure_changes",
                column: "import_run_id");
        }
    }
}
