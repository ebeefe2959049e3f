using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Oversight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "first_contact_utc",
                table: "support_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "resolved_utc",
                table: "support_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "board_packs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    for_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_from_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    period_to_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    made_up = table.Column<bool>(type: "INTEGER", nullable: false),
                    pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    csv = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_packs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "oversight_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    taken_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    figures = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oversight_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_board_packs_for_date",
                table: "board_packs",
                column: "for_date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oversight_snapshots_taken_utc",
                table: "oversight_snapshots",
                column: "taken_utc");

            // Requests made before these columns: first contact and resolution as their history records them.
            migrationBuilder.Sql("""
                UPDATE support_requests SET first_contact_utc = (
                    SELECT MIN(e.occurred_utc) FROM support_request_events e
                    WHERE e.support_request_id = support_requests.id
                      AND (e.what = 'Message sent to the requester' OR e.what LIKE 'Status changed from % to in progress' OR e.what LIKE 'Reopened%'));
                UPDATE support_requests SET resolved_utc = (
                    SELECT MAX(e.occurred_utc) FROM support_request_events e
                    WHERE e.support_request_id = support_requests.id AND e.what LIKE 'Status changed from % to resolved')
                WHERE status IN ('Resolved', 'Closed');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "board_packs");

            migrationBuilder.DropTable(
                name: "oversight_snapshots");

            migrationBuilder.DropColumn(
                name: "first_contact_utc",
                table: "support_requests");

            migrationBuilder.DropColumn(
                name: "resolved_utc",
                table: "support_requests");
        }
    }
}
