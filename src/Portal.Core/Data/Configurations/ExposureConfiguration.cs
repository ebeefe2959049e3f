using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ExposureConfiguration : IEntityTypeConfiguration<Exposure>
{
    public void Configure(EntityTypeBuilder<Exposure> builder)
    {
        builder.ToTable("exposures");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Fields).HasConversion<int>();
        builder.HasIndex(e => new { e.IncidentId, e.PersonId }).IsUnique();
        builder.HasIndex(e => e.PersonId);
        // No foreign keys, as with exposure changes: exposures are only written by the manifest import, from the people
        // table and an incident it checks first, and people and incidents are never deleted.
    }
}
