using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class IncidentFieldStatusConfiguration : IEntityTypeConfiguration<IncidentFieldStatus>
{
    public void Configure(EntityTypeBuilder<IncidentFieldStatus> builder)
    {
        builder.ToTable("incident_field_statuses");
        builder.HasKey(s => s.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.HasIndex(s => new { s.IncidentId, s.Field, s.RecordedUtc });
    }
}
