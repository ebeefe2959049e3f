using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Outreach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The two new references are added with their column (SQLite allows REFERENCES on ADD COLUMN when the column
            // may be null), not by AddForeignKey, which would rebuild both tables outside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE support_requests ADD COLUMN campaign_id INTEGER NULL CONSTRAINT fk_support_requests_notice_campaigns_campaign_id REFERENCES notice_campaigns (id) ON DELETE RESTRICT;");

            migrationBuilder.AddColumn<DateTime>(
                name: "audience_changed_since_utc",
                table: "notice_campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE notice_campaigns ADD COLUMN audience_import_run_id INTEGER NULL CONSTRAINT fk_notice_campaigns_import_runs_audience_import_run_id REFERENCES import_runs (id) ON DELETE RESTRICT;");

            migrationBuilder.AddColumn<int>(
                name: "call_after_hours",
                table: "notice_campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "letter_after_hours",
                table: "notice_campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reminder_after_hours",
                table: "notice_campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "text_after_hours",
                table: "notice_campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    claimed_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_attempt_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    done_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    letter_batch_id = table.Column<int>(type: "INTEGER", nullable: true),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exposure_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    import_run_id = table.Column<int>(type: "INTEGER", nullable: true),
                    changed_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    added = table.Column<int>(type: "INTEGER", nullable: false),
                    removed = table.Column<int>(type: "INTEGER", nullable: false)
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
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    seen_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    field = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "letter_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    letters = table.Column<int>(type: "INTEGER", nullable: false),
                    first_downloaded_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_letter_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_letter_batches_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mobile_numbers",
                columns: table => new
                {
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number_protected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ending = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    confirmed_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    pending_protected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    code_protected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    code_expires_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    code_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    codes_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    codes_window_start_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mobile_numbers", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_mobile_numbers_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "text_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    parts = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    claimed_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_attempt_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    accepted_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_text_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_text_messages_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_text_messages_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_campaign_id",
                table: "support_requests",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_audience_import_run_id",
                table: "notice_campaigns",
                column: "audience_import_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_campaign_id_person_id_step",
                table: "escalations",
                columns: new[] { "campaign_id", "person_id", "step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalations_letter_batch_id",
                table: "escalations",
                column: "letter_batch_id",
                filter: "letter_batch_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_status_step_next_attempt_utc",
                table: "escalations",
                columns: new[] { "status", "step", "next_attempt_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_support_request_id",
                table: "escalations",
                column: "support_request_id",
                filter: "support_request_id IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "ix_letter_batches_campaign_id",
                table: "letter_batches",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_text_messages_campaign_id_person_id",
                table: "text_messages",
                columns: new[] { "campaign_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_text_messages_person_id_purpose_created_utc",
                table: "text_messages",
                columns: new[] { "person_id", "purpose", "created_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_text_messages_status_next_attempt_utc",
                table: "text_messages",
                columns: new[] { "status", "next_attempt_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notice_campaigns_import_runs_audience_import_run_id",
                table: "notice_campaigns");

            migrationBuilder.DropForeignKey(
                name: "fk_support_requests_notice_campaigns_campaign_id",
                table: "support_requests");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "exposure_changes");

            migrationBuilder.DropTable(
                name: "exposure_views");

            migrationBuilder.DropTable(
                name: "incident_field_statuses");

            migrationBuilder.DropTable(
                name: "letter_batches");

            migrationBuilder.DropTable(
                name: "mobile_numbers");

            migrationBuilder.DropTable(
                name: "text_messages");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_campaign_id",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_notice_campaigns_audience_import_run_id",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "support_requests");

            migrationBuilder.DropColumn(
                name: "audience_changed_since_utc",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "audience_import_run_id",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "call_after_hours",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "letter_after_hours",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "reminder_after_hours",
                table: "notice_campaigns");

            migrationBuilder.DropColumn(
                name: "text_after_hours",
                table: "notice_campaigns");
        }
    }
}
