using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    support_request_id = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    factors = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    assessed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    assessed_by_person_id = table.Column<int>(type: "integer", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by_person_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    support_request_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    due_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    emailed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    threat_assessment_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
