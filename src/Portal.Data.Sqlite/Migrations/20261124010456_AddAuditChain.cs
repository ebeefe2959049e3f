using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "audit_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                table: "audit_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "audit_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_head", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "id", "last_hash", "last_sequence" },
                values: new object[] { 1, "", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_occurred_utc",
                table: "audit_events",
                columns: new[] { "action", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_sequence",
                table: "audit_events",
                column: "sequence",
                unique: true);

            // Append-only in the database too: a sealed event cannot be changed and no event can be deleted, except by
            // someone who drops these triggers first — and then the chain's verification finds what they did.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events WHEN OLD.hash IS NOT NULL " +
                "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: a recorded event cannot be changed.'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events " +
                "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: a recorded event cannot be deleted.'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only_update;");
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only_delete;");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_action_occurred_utc",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_sequence",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "audit_events");
        }
    }
}
