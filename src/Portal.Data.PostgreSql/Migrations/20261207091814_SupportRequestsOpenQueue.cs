using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SupportRequestsOpenQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_queue",
                table: "support_requests");

            migrationBuilder.AddColumn<bool>(
                name: "is_open",
                table: "support_requests",
                type: "boolean",
                nullable: false,
                computedColumnSql: "status IN ('New', 'Triaged', 'InProgress', 'WaitingOnPerson')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests",
                column: "assigned_to_person_id",
                filter: "assigned_to_person_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "priority", "due_utc", "status", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc", "first_contact_utc", "first_contact_due_utc" },
                filter: "is_open");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_status",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_queue",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_status",
                table: "support_requests");

            migrationBuilder.DropColumn(
                name: "is_open",
                table: "support_requests");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests",
                column: "assigned_to_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc", "first_contact_utc", "first_contact_due_utc" });
        }
    }
}
