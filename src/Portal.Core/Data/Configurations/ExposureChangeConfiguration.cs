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
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(c => c.ImportRunId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.PersonId, c.ChangedUtc });
        builder.HasIndex(c => c.ImportRunId);
        builder.HasIndex(c => c.ChangedUtc);
    }
}
