using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TextsAndMobileNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
            migrationBuilder.DropTable(
                name: "mobile_numbers");

            migrationBuilder.DropTable(
                name: "text_messages");
        }
    }
}
