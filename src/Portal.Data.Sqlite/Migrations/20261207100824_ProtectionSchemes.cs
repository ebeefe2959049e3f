using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProtectionSchemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "protection_schemes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    covers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_pence = table.Column<long>(type: "INTEGER", nullable: false),
                    audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    audience_incident_id = table.Column<int>(type: "INTEGER", nullable: true),
                    audience_units = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    opens_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    evidence_needed = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_schemes", x => x.id);
                    table.ForeignKey(
                        name: "fk_protection_schemes_incidents_audience_incident_id",
                        column: x => x.audience_incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_protection_schemes_audience_incident_id",
                table: "protection_schemes",
                column: "audience_incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_schemes_code",
                table: "protection_schemes",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_protection_schemes_opens_on_closes_on",
                table: "protection_schemes",
                columns: new[] { "opens_on", "closes_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protection_schemes");
        }
    }
}
