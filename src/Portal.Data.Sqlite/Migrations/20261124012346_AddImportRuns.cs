using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddImportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    file_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    uploaded_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    uploaded_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    added = table.Column<int>(type: "INTEGER", nullable: false),
                    changed = table.Column<int>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    new_leavers = table.Column<int>(type: "INTEGER", nullable: false),
                    removed = table.Column<int>(type: "INTEGER", nullable: false),
                    unmatched = table.Column<int>(type: "INTEGER", nullable: false),
                    problem_count = table.Column<int>(type: "INTEGER", nullable: false),
                    applied_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    applied_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    applied_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_runs_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "import_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_run_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    column = table.Column<int>(type: "INTEGER", nullable: false),
                    column_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_findings_import_runs_import_run_id",
                        column: x => x.import_run_id,
                        principalTable: "import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_findings_import_run_id_kind_line",
                table: "import_findings",
                columns: new[] { "import_run_id", "kind", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_incident_id",
                table: "import_runs",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_uploaded_utc",
                table: "import_runs",
                column: "uploaded_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_findings");

            migrationBuilder.DropTable(
                name: "import_runs");
        }
    }
}
