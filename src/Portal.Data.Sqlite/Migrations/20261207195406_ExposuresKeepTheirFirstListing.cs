using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExposuresKeepTheirFirstListing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "listed_fields",
                table: "exposures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "listed_import_run_id",
                table: "exposures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "listed_utc",
                table: "exposures",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "listed_fields",
                table: "exposures");

            migrationBuilder.DropColumn(
                name: "listed_import_run_id",
                table: "exposures");

            migrationBuilder.DropColumn(
                name: "listed_utc",
                table: "exposures");
        }
    }
}
