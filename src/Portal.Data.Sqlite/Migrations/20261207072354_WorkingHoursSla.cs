using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkingHoursSla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_queue",
                table: "support_requests");

            migrationBuilder.AddColumn<DateTime>(
                name: "first_contact_due_utc",
                table: "support_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc", "first_contact_utc", "first_contact_due_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_requests_queue",
                table: "support_requests");

            migrationBuilder.DropColumn(
                name: "first_contact_due_utc",
                table: "support_requests");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc" });
        }
    }
}
