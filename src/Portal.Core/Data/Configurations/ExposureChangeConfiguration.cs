using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ExposureChangeConfiguration : IEntityTypeConfiguration<ExposureChange>
{
    public void Configure(EntityTypeBuilder<ExposureChange> builder)
    {
        builder.ToTable("exposure_changes");
        builder.HasKey(c => c.Id);
        // No foreign keys: a change is only ever written by the manifest import, from its incident (checked first), the
        // people table and its own import run, and people, incidents and import runs are never deleted. A key's check
        // is a trigger a row: for a 300,000-row manifest they were most of the import's time on PostgreSQL.
        // One index besides the key: a person's history in order. The notice audience "whose exposure this import, or
        // anything since a date, changed" reads the changes through once (CampaignAudience); an index on the import or
        // on the time alone was a write a manifest row for that one question.
        builder.HasIndex(c => new { c.PersonId, c.ChangedUtc });
    }
}
