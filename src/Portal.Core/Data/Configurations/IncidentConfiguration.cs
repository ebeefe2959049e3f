using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Reference).HasMaxLength(20);
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Source).HasMaxLength(200);
        builder.Property(i => i.Summary).HasMaxLength(4000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(i => i.NotIncluded).HasMaxLength(2000);
        builder.HasMany(i => i.Updates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.ManifestFieldCounts).HasMaxLength(500);
    }
}
