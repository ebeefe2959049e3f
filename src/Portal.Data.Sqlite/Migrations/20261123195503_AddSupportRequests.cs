using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSupportRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "support_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    stated_urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    contact_method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contact_phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    consent_to_share = table.Column<bool>(type: "INTEGER", nullable: false),
                    submission_key = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    computed_priority = table.Column<int>(type: "INTEGER", nullable: false),
                    priority_reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    priority_override = table.Column<int>(type: "INTEGER", nullable: true),
                    priority_override_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    assigned_to_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sla_paused_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_update_due_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_requests_people_assigned_to_person_id",
                        column: x => x.assigned_to_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_messages",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    sent_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    from_requester = table.Column<bool>(type: "INTEGER", nullable: false),
                    author_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_messages_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    written_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    author_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_notes_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_request_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    support_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    what = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_request_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_request_events_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_support_request_id_sent_utc",
                table: "support_messages",
                columns: new[] { "support_request_id", "sent_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_notes_support_request_id_written_utc",
                table: "support_notes",
                columns: new[] { "support_request_id", "written_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_request_events_support_request_id_occurred_utc",
                table: "support_request_events",
                columns: new[] { "support_request_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests",
                column: "assigned_to_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_created_utc",
                table: "support_requests",
                column: "created_utc");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_person_id_submission_key",
                table: "support_requests",
                columns: new[] { "person_id", "submission_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_status_priority_due_utc",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_messages");

            migrationBuilder.DropTable(
                name: "support_notes");

            migrationBuilder.DropTable(
                name: "support_request_events");

            migrationBuilder.DropTable(
                name: "support_requests");
        }
    }
}
