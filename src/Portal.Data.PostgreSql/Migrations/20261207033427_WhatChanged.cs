using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class WhatChanged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "audience_changed_since_utc",
                table: "notice_campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "audience_import_run_id",
                table: "notice_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exposure_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    import_run_id = table.Column<int>(type: "integer", nullable: true),
                    changed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    added = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exposure_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_exposure_changes_import_runs_import_run_id",
                        column: x => x.import_run_id,
                        principalTable: "import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_exposure_changes_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_exposure_changes_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exposure_views",
                columns: table => new
                {
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    seen_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exposure_views", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_exposure_views_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_field_statuses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_field_statuses", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_field_statuses_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_audience_import_run_id",
                table: "notice_campaigns",
                column: "audience_import_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_changed_utc",
                table: "exposure_changes",
                column: "changed_utc");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_import_run_id",
                table: "exposure_changes",
                column: "import_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_incident_id",
                table: "exposure_changes",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_exposure_changes_person_id_changed_utc",
                table: "exposure_changes",
                columns: new[] { "person_id", "changed_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_incident_field_statuses_incident_id_field_recorded_utc",
                table: "incident_field_statuses",
                columns: new[] { "incident_id", "field", "recorded_utc" });

            migrationBuilder.AddForeignKey(
                name: "fk_notice_campaigns_import_runs_audience_import_run_id",
                table: "notice_campaigns",
                column: "audience_import_run_id",
                principalTable: "import_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notice_campaigns_import_runs_audience_import_run_id",
                table: "notice_campaigns");

            migrationBuilder.DropTable(
                name: "exposure_changes");

            migrationBuilder.DropTable(
                name: "exposure_views");

            migrationBuilder.DropTable(
                name: "incident_field_statuses");

            migrationBuilder.DropIndex(
                name: "ix_notice_campaigns_audience_import_run_id",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "audience_changed_since_utc",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "audience_import_run_id",
                table: "notice_campaigns");
        }
    }
}
