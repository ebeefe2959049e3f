using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CampaignsKeepHowManyTheySent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "sent_count",
                table: "notice_campaigns",
                type: "INTEGER",
                nullable: true);

            // Campaigns already finished keep the count their rows give now.
            migrationBuilder.Sql(
                "UPDATE notice_campaigns SET sent_count = (SELECT COUNT(*) FROM deliveries d WHERE d.campaign_id = notice_campaigns.id AND d.status = 'Sent') " +
                "WHERE status = 'Completed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sent_count",
                table: "notice_campaigns");
        }
    }
}
