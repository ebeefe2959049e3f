using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IndexFamilyName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_people_family_name",
                table: "people",
                column: "family_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_family_name",
                table: "people");
        }
    }
}
