using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClaimDecisionsAndPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_claim_items_supplier_bought_on_amount_pence",
                table: "claim_items");

            migrationBuilder.AddColumn<int>(
                name: "assigned_to_person_id",
                table: "protection_claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "decided_utc",
                table: "protection_claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_reason",
                table: "protection_claims",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "first_approved_utc",
                table: "protection_claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_approver_person_id",
                table: "protection_claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "paid_utc",
                table: "protection_claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "payment_file_id",
                table: "protection_claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "second_approver_person_id",
                table: "protection_claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "receipt_removed_utc",
                table: "claim_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "supplier_key",
                table: "claim_items",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "claim_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    claim_id = table.Column<int>(type: "INTEGER", nullable: false),
                    from_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    from_claimant = table.Column<bool>(type: "INTEGER", nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    sent_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_messages_protection_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "protection_claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_files",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    claim_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_pence = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    paid_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paid_by_person_id = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_files", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_protection_claims_assigned_to_person_id",
                table: "protection_claims",
                column: "assigned_to_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_claims_payment_file_id",
                table: "protection_claims",
                column: "payment_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_claims_status_payment_file_id",
                table: "protection_claims",
                columns: new[] { "status", "payment_file_id" });

            migrationBuilder.CreateIndex(
                name: "ix_claim_items_supplier_key_bought_on_amount_pence",
                table: "claim_items",
                columns: new[] { "supplier_key", "bought_on", "amount_pence" });

            migrationBuilder.CreateIndex(
                name: "ix_claim_messages_claim_id",
                table: "claim_messages",
                column: "claim_id");

            migrationBuilder.AddForeignKey(
                name: "fk_protection_claims_payment_files_payment_file_id",
                table: "protection_claims",
                column: "payment_file_id",
                principalTable: "payment_files",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_protection_claims_people_assigned_to_person_id",
                table: "protection_claims",
                column: "assigned_to_person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_protection_claims_payment_files_payment_file_id",
                table: "protection_claims");

            migrationBuilder.DropForeignKey(
                name: "fk_protection_claims_people_assigned_to_person_id",
                table: "protection_claims");

            migrationBuilder.DropTable(
                name: "claim_messages");

            migrationBuilder.DropTable(
                name: "payment_files");

            migrationBuilder.DropIndex(
                name: "ix_protection_claims_assigned_to_person_id",
                table: "protection_claims");

            migrationBuilder.DropIndex(
                name: "ix_protection_claims_payment_file_id",
                table: "protection_claims");

            migrationBuilder.DropIndex(
                name: "ix_protection_claims_status_payment_file_id",
                table: "protection_claims");

            migrationBuilder.DropIndex(
                name: "ix_claim_items_supplier_key_bought_on_amount_pence",
                table: "claim_items");

            migrationBuilder.DropColumn(
                name: "assigned_to_person_id",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "decided_utc",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "decision_reason",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "first_approved_utc",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "first_approver_person_id",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "paid_utc",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "payment_file_id",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "second_approver_person_id",
                table: "protection_claims");

            migrationBuilder.DropColumn(
                name: "receipt_removed_utc",
                table: "claim_items");

            migrationBuilder.DropColumn(
                name: "supplier_key",
                table: "claim_items");

            migrationBuilder.CreateIndex(
                name: "ix_claim_items_supplier_bought_on_amount_pence",
                table: "claim_items",
                columns: new[] { "supplier", "bought_on", "amount_pence" });
        }
    }
}
