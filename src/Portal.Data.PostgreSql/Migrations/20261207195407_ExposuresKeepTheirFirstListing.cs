using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "listed_import_run_id",
                table: "exposures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "listed_utc",
                table: "exposures",
                type: "timestamp with time zone",
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
