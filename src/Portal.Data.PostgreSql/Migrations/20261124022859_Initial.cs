using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_person_id = table.Column<int>(type: "integer", nullable: true),
                    actor_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject_person_id = table.Column<int>(type: "integer", nullable: true),
                    target = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    from = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sequence = table.Column<long>(type: "bigint", nullable: true),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    key_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_fields",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    flag = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    meaning = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    why_it_matters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    display_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_fields", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_articles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body_markdown = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    fields = table.Column<int>(type: "integer", nullable: false),
                    for_roles = table.Column<string[]>(type: "text[]", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    display_order = table.Column<int>(type: "integer", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guidance_articles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    discovered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    not_included = table.Column<List<string>>(type: "text[]", maxLength: 2000, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pay_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    personnel_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rank_or_grade = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    work_location = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    vetting_level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    email_normalised = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    sensitive_role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body_markdown = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    fields = table.Column<int>(type: "integer", nullable: false),
                    for_roles = table.Column<string[]>(type: "text[]", maxLength: 200, nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    saved_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    saved_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    saved_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published = table.Column<bool>(type: "boolean", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    incident_id = table.Column<int>(type: "integer", nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    uploaded_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uploaded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    added = table.Column<int>(type: "integer", nullable: false),
                    changed = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    new_leavers = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false),
                    unmatched = table.Column<int>(type: "integer", nullable: false),
                    problem_count = table.Column<int>(type: "integer", nullable: false),
                    applied_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    applied_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    applied_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_runs_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incident_updates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    posted_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
                name: "notice_campaigns",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body_template = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    incident_id = table.Column<int>(type: "integer", nullable: true),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    audience_incident_id = table.Column<int>(type: "integer", nullable: true),
                    audience_units = table.Column<List<string>>(type: "text[]", maxLength: 4000, nullable: false),
                    audience_campaign_id = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scheduled_for_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    created_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    approved_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    recipient_count = table.Column<int>(type: "integer", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_incidents_audience_incident_id",
                        column: x => x.audience_incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_campaigns_notice_campaigns_audience_campaign_id",
                        column: x => x.audience_campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exposures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    fields = table.Column<int>(type: "integer", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "support_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    stated_urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    contact_method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    contact_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    consent_to_share = table.Column<bool>(type: "boolean", nullable: false),
                    submission_key = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    computed_priority = table.Column<int>(type: "integer", nullable: false),
                    priority_reasons = table.Column<List<string>>(type: "text[]", maxLength: 2000, nullable: false),
                    priority_override = table.Column<int>(type: "integer", nullable: true),
                    priority_override_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    restricted = table.Column<bool>(type: "boolean", nullable: false),
                    assigned_to_person_id = table.Column<int>(type: "integer", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sla_paused_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_update_due_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_requests_people_assigned_to_person_id",
                        column: x => x.assigned_to_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "welfare_team_members",
                columns: table => new
                {
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    is_lead = table.Column<bool>(type: "boolean", nullable: false),
                    last_seen_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_welfare_team_members", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_welfare_team_members_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_run_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    column = table.Column<int>(type: "integer", nullable: false),
                    column_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_findings_import_runs_import_run_id",
                        column: x => x.import_run_id,
                        principalTable: "import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acknowledgements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_acknowledgements", x => x.id);
                    table.ForeignKey(
                        name: "fk_acknowledgements_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_acknowledgements_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    claim_token = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    claimed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_attempt_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sent_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliveries_notice_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "notice_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_deliveries_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_messages",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    support_request_id = table.Column<int>(type: "integer", nullable: false),
                    sent_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    from_requester = table.Column<bool>(type: "boolean", nullable: false),
                    author_person_id = table.Column<int>(type: "integer", nullable: true),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_messages_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    support_request_id = table.Column<int>(type: "integer", nullable: false),
                    written_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    author_person_id = table.Column<int>(type: "integer", nullable: true),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_notes_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_request_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    support_request_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_person_id = table.Column<int>(type: "integer", nullable: true),
                    what = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_request_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_request_events_support_requests_support_request_id",
                        column: x => x.support_request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "id", "last_hash", "last_sequence" },
                values: new object[] { 1, "", 0L });

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
                name: "ix_acknowledgements_campaign_id_person_id",
                table: "acknowledgements",
                columns: new[] { "campaign_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_acknowledgements_person_id",
                table: "acknowledgements",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_occurred_utc",
                table: "audit_events",
                columns: new[] { "action", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_person_id_occurred_utc",
                table: "audit_events",
                columns: new[] { "actor_person_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_utc",
                table: "audit_events",
                column: "occurred_utc");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_sequence",
                table: "audit_events",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_subject_person_id_occurred_utc",
                table: "audit_events",
                columns: new[] { "subject_person_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_data_fields_flag",
                table: "data_fields",
                column: "flag",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_person_id",
                table: "deliveries",
                columns: new[] { "campaign_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_sent_utc",
                table: "deliveries",
                columns: new[] { "campaign_id", "sent_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_campaign_id_status_id",
                table: "deliveries",
                columns: new[] { "campaign_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_person_id",
                table: "deliveries",
                column: "person_id");

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
                name: "ix_guidance_articles_slug",
                table: "guidance_articles",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_guidance_articles_status_display_order",
                table: "guidance_articles",
                columns: new[] { "status", "display_order" });

            migrationBuilder.CreateIndex(
                name: "ix_guidance_versions_article_id_number",
                table: "guidance_versions",
                columns: new[] { "article_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_findings_import_run_id_kind_line",
                table: "import_findings",
                columns: new[] { "import_run_id", "kind", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_incident_id",
                table: "import_runs",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_uploaded_utc",
                table: "import_runs",
                column: "uploaded_utc");

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
                name: "ix_notice_campaigns_audience_campaign_id",
                table: "notice_campaigns",
                column: "audience_campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_audience_incident_id",
                table: "notice_campaigns",
                column: "audience_incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_incident_id",
                table: "notice_campaigns",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_campaigns_status",
                table: "notice_campaigns",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_people_email_normalised",
                table: "people",
                column: "email_normalised");

            migrationBuilder.CreateIndex(
                name: "ix_people_family_name",
                table: "people",
                column: "family_name");

            migrationBuilder.CreateIndex(
                name: "ix_people_pay_number",
                table: "people",
                column: "pay_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_sessions_started_utc",
                table: "sign_in_sessions",
                column: "started_utc");

            migrationBuilder.CreateIndex(
                name: "ix_support_messages_support_request_id_sent_utc",
                table: "support_messages",
                columns: new[] { "support_request_id", "sent_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_notes_support_request_id_written_utc",
                table: "support_notes",
                columns: new[] { "support_request_id", "written_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_request_events_support_request_id_occurred_utc",
                table: "support_request_events",
                columns: new[] { "support_request_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_to_person_id",
                table: "support_requests",
                column: "assigned_to_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_created_utc_restricted",
                table: "support_requests",
                columns: new[] { "created_utc", "restricted" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_person_id_submission_key",
                table: "support_requests",
                columns: new[] { "person_id", "submission_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_queue",
                table: "support_requests",
                columns: new[] { "status", "priority", "due_utc", "type", "assigned_to_person_id", "sla_paused_at_utc", "restricted", "created_utc" });

            // The audit trail is append-only in the database too: a recorded (sealed) event cannot be changed, and no event
            // can be deleted or the table emptied. The portal's role never needs to; someone who drops the triggers is
            // found by the chain check.
            migrationBuilder.Sql(
                "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                "IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN RETURN NEW; END IF; " +
                "IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'The audit trail is append-only: a recorded event cannot be changed.'; END IF; " +
                "RAISE EXCEPTION 'The audit trail is append-only: a recorded event cannot be deleted.'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only_truncate ON audit_events;");
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only_delete ON audit_events;");
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only_update ON audit_events;");
            migrationBuilder.Sql("DROP FUNCTION audit_events_append_only();");

            migrationBuilder.DropTable(
                name: "acknowledgements");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "data_fields");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "deliveries");

            migrationBuilder.DropTable(
                name: "exposures");

            migrationBuilder.DropTable(
                name: "guidance_versions");

            migrationBuilder.DropTable(
                name: "import_findings");

            migrationBuilder.DropTable(
                name: "incident_updates");

            migrationBuilder.DropTable(
                name: "sign_in_sessions");

            migrationBuilder.DropTable(
                name: "support_messages");

            migrationBuilder.DropTable(
                name: "support_notes");

            migrationBuilder.DropTable(
                name: "support_request_events");

            migrationBuilder.DropTable(
                name: "welfare_team_members");

            migrationBuilder.DropTable(
                name: "notice_campaigns");

            migrationBuilder.DropTable(
                name: "guidance_articles");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropTable(
                name: "support_requests");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "people");
        }
    }
}
