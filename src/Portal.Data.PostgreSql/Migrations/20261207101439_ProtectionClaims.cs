using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ProtectionClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claim_allowances",
                columns: table => new
                {
                    scheme_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    claimed_pence = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_allowances", x => new { x.scheme_id, x.person_id });
                    table.ForeignKey(
                        name: "fk_claim_allowances_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_allowances_protection_schemes_scheme_id",
                        column: x => x.scheme_id,
                        principalTable: "protection_schemes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scheme_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    claimed_pence = table.Column<long>(type: "bigint", nullable: false),
                    approved_pence = table.Column<long>(type: "bigint", nullable: true),
                    declared = table.Column<bool>(type: "boolean", nullable: false),
                    submission_key = table.Column<Guid>(type: "uuid", nullable: false),
                    submitted_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_protection_claims_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_protection_claims_protection_schemes_scheme_id",
                        column: x => x.scheme_id,
                        principalTable: "protection_schemes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    claim_id = table.Column<int>(type: "integer", nullable: false),
                    what = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bought_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    receipt_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    receipt_content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    receipt_bytes = table.Column<long>(type: "bigint", nullable: false),
                    receipt_file = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_items_protection_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "protection_claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_claim_allowances_person_id",
                table: "claim_allowances",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_items_claim_id",
                table: "claim_items",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_items_receipt_sha256",
                table: "claim_items",
                column: "receipt_sha256");

            migrationBuilder.CreateIndex(
                name: "ix_claim_items_supplier_bought_on_amount_pence",
                table: "claim_items",
                columns: new[] { "supplier", "bought_on", "amount_pence" });

            migrationBuilder.CreateIndex(
                name: "ix_protection_claims_person_id_submission_key",
                table: "protection_claims",
                columns: new[] { "person_id", "submission_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_protection_claims_scheme_id_status",
                table: "protection_claims",
                columns: new[] { "scheme_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_allowances");

            migrationBuilder.DropTable(
                name: "claim_items");

            migrationBuilder.DropTable(
                name: "protection_claims");
        }
    }
}
