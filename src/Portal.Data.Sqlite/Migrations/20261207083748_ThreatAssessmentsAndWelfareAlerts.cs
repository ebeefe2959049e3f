using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ThreatAssessmentsAndWelfareAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "threat_assessments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    factors = table.Column<int>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    review_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    assessed_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    assessed_by_person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_threat_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_threat_assessments_people_assessed_by_person_id",
                        column: x => x.assessed_by_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_threat_assessments_people_updated_by_person_id",
                        column: x => x.updated_by_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_threat_assessments_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "welfare_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    due_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    emailed_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_welfare_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_welfare_alerts_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_welfare_alerts_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "protective_measures",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    threat_assessment_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protective_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_protective_measures_threat_assessments_threat_assessment_id",
                        column: x => x.threat_assessment_id,
                        principalTable: "threat_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_protective_measures_threat_assessment_id_kind",
                table: "protective_measures",
                columns: new[] { "threat_assessment_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_threat_assessments_assessed_by_person_id",
                table: "threat_assessments",
                column: "assessed_by_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_threat_assessments_review_on",
                table: "threat_assessments",
                column: "review_on");

            migrationBuilder.CreateIndex(
                name: "ix_threat_assessments_support_request_id",
                table: "threat_assessments",
                column: "support_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_threat_assessments_updated_by_person_id",
                table: "threat_assessments",
                column: "updated_by_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_welfare_alerts_emailed_utc",
                table: "welfare_alerts",
                column: "emailed_utc");

            migrationBuilder.CreateIndex(
                name: "ix_welfare_alerts_person_id_created_utc",
                table: "welfare_alerts",
                columns: new[] { "person_id", "created_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_welfare_alerts_person_id_support_request_id_kind_due_utc",
                table: "welfare_alerts",
                columns: new[] { "person_id", "support_request_id", "kind", "due_utc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_welfare_alerts_support_request_id",
                table: "welfare_alerts",
                column: "support_request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protective_measures");

            migrationBuilder.DropTable(
                name: "welfare_alerts");

            migrationBuilder.DropTable(
                name: "threat_assessments");
        }
    }
}
