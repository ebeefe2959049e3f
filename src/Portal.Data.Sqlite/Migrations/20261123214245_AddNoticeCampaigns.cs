using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddNoticeCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notice_campaigns",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body_template = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: true),
                    audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    audience_incident_id = table.Column<int>(type: "INTEGER", nullable: true),
                    audience_units = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    audience_campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    scheduled_for_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approved_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    approved_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approved_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    recipient_count = table.Column<int>(type: "INTEGER", nullable: true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_incidents_audience_incident_id",
                        column: x => x.audience_incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_notice_campaigns_audience_campaign_id",
                        column: x => x.audience_campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "acknowledgements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    acknowledged_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_acknowledgements", x => x.id);
                    table.ForeignKey(
                        name: "fk_acknowledgements_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_acknowledgements_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    claim_token = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    claimed_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_attempt_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliveries_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_deliveries_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_acknowledgements_campaign_id_person_id",
                table: "acknowledgements",
                columns: new[] { "campaign_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_acknowledgements_person_id",
                table: "acknowledgements",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_person_id",
                table: "deliveries",
                columns: new[] { "campaign_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_sent_utc",
                table: "deliveries",
                columns: new[] { "campaign_id", "sent_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_status_id",
                table: "deliveries",
                columns: new[] { "campaign_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_person_id",
                table: "deliveries",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_audience_campaign_id",
                table: "notice_campaigns",
                column: "audience_campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_audience_incident_id",
                table: "notice_campaigns",
                column: "audience_incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_incident_id",
                table: "notice_campaigns",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_status",
                table: "notice_campaigns",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acknowledgements");

            migrationBuilder.DropTable(
                name: "deliveries");

            migrationBuilder.DropTable(
                name: "notice_campaigns");
        }
    }
}
