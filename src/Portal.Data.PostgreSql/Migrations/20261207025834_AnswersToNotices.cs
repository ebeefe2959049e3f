using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AnswersToNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "campaign_id",
                table: "support_requests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_campaign_id",
                table: "support_requests",
                column: "campaign_id");

            migrationBuilder.AddForeignKey(
                name: "fk_support_requests_notice_campaigns_campaign_id",
                table: "support_requests",
                column: "campaign_id",
                principalTable: "notice_campaigns",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_support_requests_notice_campaigns_campaign_id",
                table: "support_requests");

            migrationBuilder.DropIndex(
                name: "ix_support_requests_campaign_id",
                table: "support_requests");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "support_requests");
        }
    }
}
