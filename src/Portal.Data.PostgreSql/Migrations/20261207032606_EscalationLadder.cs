using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class EscalationLadder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "call_after_hours",
                table: "notice_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "letter_after_hours",
                table: "notice_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reminder_after_hours",
                table: "notice_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "text_after_hours",
                table: "notice_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "letter_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    letters = table.Column<int>(type: "integer", nullable: false),
                    first_downloaded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    step = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claim_token = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    claimed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_attempt_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    done_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    letter_batch_id = table.Column<int>(type: "integer", nullable: true),
                    support_request_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalations_letter_batches_letter_batch_id",
                        column: x => x.letter_batch_id,
                        principalTable: "letter_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_escalations_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalations_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalations_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_campaign_id_person_id_step",
                table: "escalations",
                columns: new[] { "campaign_id", "person_id", "step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalations_letter_batch_id",
                table: "escalations",
                column: "letter_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_person_id",
                table: "escalations",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_status_step_next_attempt_utc",
                table: "escalations",
                columns: new[] { "status", "step", "next_attempt_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_support_request_id",
                table: "escalations",
                column: "support_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_letter_batches_campaign_id",
                table: "letter_batches",
                column: "campaign_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "letter_batches");

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
