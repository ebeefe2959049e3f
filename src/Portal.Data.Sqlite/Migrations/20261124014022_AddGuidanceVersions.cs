using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddGuidanceVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    article_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    body_markdown = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    fields = table.Column<int>(type: "INTEGER", nullable: false),
                    for_roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    saved_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    saved_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    saved_by_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guidance_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_guidance_versions_guidance_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "guidance_articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_guidance_versions_article_id_number",
                table: "guidance_versions",
                columns: new[] { "article_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_versions");
        }
    }
}
