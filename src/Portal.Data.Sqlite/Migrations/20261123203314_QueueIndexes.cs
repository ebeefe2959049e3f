using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_created_utc",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_status_priority_due_utc",
                table: "support_requests");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_created_utc_restricted",
                table: "support_requests",
                columns: new[] { "created_utc", "restricted" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_created_utc_restricted",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_queue",
                table: "support_requests");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_created_utc",
                table: "support_requests",
                column: "created_utc");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_status_priority_due_utc",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc" });
        }
    }
}
