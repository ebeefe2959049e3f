using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "manifest_field_counts",
                table: "incidents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "manifest_rows",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "manifest_unmatched",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "breach_report_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    saved_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    saved_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    saved_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    nature = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    likely_consequences = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    other_measures = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    reported_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    delay_reasons = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_breach_report_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_breach_report_versions_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    recorded_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    why = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_decisions_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_decisions_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_breach_report_versions_incident_id_version",
                table: "breach_report_versions",
                columns: new[] { "incident_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_decisions_campaign_id",
                table: "decisions",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_incident_id_recorded_utc",
                table: "decisions",
                columns: new[] { "incident_id", "recorded_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "breach_report_versions");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropColumn(
                name: "manifest_field_counts",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "manifest_rows",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "manifest_unmatched",
                table: "incidents");
        }
    }
}
