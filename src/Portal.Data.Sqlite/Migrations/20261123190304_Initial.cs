using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_fields",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    flag = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    meaning = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    why_it_matters = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    display_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_fields", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    discovered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    not_included = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    pay_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    given_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    personnel_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rank_or_grade = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    work_location = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    vetting_level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    email_normalised = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    sensitive_role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incident_updates",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    posted_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_updates_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exposures",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<int>(type: "INTEGER", nullable: false),
                    fields = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exposures", x => x.id);
                    table.ForeignKey(
                        name: "fk_exposures_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_exposures_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "data_fields",
                columns: new[] { "key", "display_order", "flag", "meaning", "name", "why_it_matters" },
                values: new object[,]
                {
                    { "email", 9, 256, "Your work e-mail address.", "Your work e-mail address", "It can be used to send you convincing phishing e-mails. Be wary of unexpected messages that mention the breach." },
                    { "id_card_number", 6, 32, "The serial number printed on your warrant card or staff pass.", "Your warrant card or pass number", "With your name and photo it could help someone produce a convincing cloned card. Lost or suspected cloned cards can be cancelled and replaced." },
                    { "name", 1, 1, "Your given name and family name as they appear on your warrant card or pass.", "Your name", "Someone can search for your name online, on social media and on people-search sites to find where you live or who your family are. A distinctive name is easier to find." },
                    { "pay_number", 5, 16, "The number that identifies you in the force's HR and pay systems.", "Your pay number", "It can be used to make a phone call or e-mail pretending to be you, or from HR, sound genuine. The force will never ask you to confirm it by e-mail." },
                    { "photo", 3, 4, "The photograph printed on your warrant card or pass.", "Your photo", "A photo lets someone recognise you in person or match you to social media profiles, and could be used on a cloned warrant card or pass." },
                    { "rank_or_grade", 2, 2, "Your police rank (for example Constable or Inspector) or your staff grade.", "Your rank or grade", "It confirms that you work for the police and how senior you are, which can make you a target for approaches or help someone impersonate you or a colleague." },
                    { "unit", 7, 64, "The team, unit or command you work in.", "Your unit", "It shows what kind of work you do, which matters most for specialist, covert and protection roles." },
                    { "vetting_level", 4, 8, "The level of security vetting you hold, such as NPPV2, SC or DV.", "Your vetting level", "A high vetting level shows that you may have access to sensitive information, which can make you more interesting to criminals or hostile states." },
                    { "work_location", 8, 128, "The police station or building where you are based.", "Your work location", "It tells someone where you can be found at the start and end of a shift." }
                });

            migrationBuilder.CreateIndex(
                name: "ix_data_fields_flag",
                table: "data_fields",
                column: "flag",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exposures_incident_id_person_id",
                table: "exposures",
                columns: new[] { "incident_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exposures_person_id",
                table: "exposures",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_updates_incident_id_posted_utc",
                table: "incident_updates",
                columns: new[] { "incident_id", "posted_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reference",
                table: "incidents",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_email_normalised",
                table: "people",
                column: "email_normalised");

            migrationBuilder.CreateIndex(
                name: "ix_people_pay_number",
                table: "people",
                column: "pay_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_fields");

            migrationBuilder.DropTable(
                name: "exposures");

            migrationBuilder.DropTable(
                name: "incident_updates");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
