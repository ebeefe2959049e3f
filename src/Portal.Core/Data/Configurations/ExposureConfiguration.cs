using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ExposureConfiguration : IEntityTypeConfiguration<Exposure>
{
    public void Configure(EntityTypeBuilder<Exposure> builder)
    {
        builder.ToTable("exposures");
        // One index, the key: every page reads a person's exposures (the key's first column), and the manifest import
        // looks each person up in its incident (the whole key). Each further index was a write a manifest row: a second,
        // on the incident, made a 288,000-row manifest's insert 40% slower. What reads one incident's people takes the
        // figure its manifest import recorded (IncidentPeople), or reads the table through.
        builder.HasKey(e => new { e.PersonId, e.IncidentId });
        builder.Property(e => e.Fields).HasConversion<int>();
        // No foreign keys, as with exposure changes: exposures are only written by the manifest import, from the people
        // table and an incident it checks first, and people and incidents are never deleted.
    }
}
