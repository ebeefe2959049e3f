using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class IncidentUpdateConfiguration : IEntityTypeConfiguration<IncidentUpdate>
{
    public void Configure(EntityTypeBuilder<IncidentUpdate> builder)
    {
        builder.ToTable("incident_updates");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Text).HasMaxLength(4000);
        builder.HasIndex(u => new { u.IncidentId, u.PostedUtc });
    }
}
