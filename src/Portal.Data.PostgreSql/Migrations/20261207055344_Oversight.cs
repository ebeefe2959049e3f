using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "resolved_utc",
                table: "support_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "board_packs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    for_date = table.Column<DateOnly>(type: "date", nullable: false),
                    period_from_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    period_to_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    made_up = table.Column<bool>(type: "boolean", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    csv = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_packs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "oversight_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taken_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "text", nullable: false)
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
