using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddWelfareWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    actor_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subject_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    target = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    from = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "welfare_team_members",
                columns: table => new
                {
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    is_lead = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_seen_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_welfare_team_members", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_welfare_team_members_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_person_id_occurred_utc",
                table: "audit_events",
                columns: new[] { "actor_person_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_utc",
                table: "audit_events",
                column: "occurred_utc");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_subject_person_id_occurred_utc",
                table: "audit_events",
                columns: new[] { "subject_person_id", "occurred_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "welfare_team_members");
        }
    }
}
