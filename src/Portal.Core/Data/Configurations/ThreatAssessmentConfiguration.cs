using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.Data.Configurations;

internal sealed class ThreatAssessmentConfiguration : IEntityTypeConfiguration<ThreatAssessment>
{
    public void Configure(EntityTypeBuilder<ThreatAssessment> builder)
    {
        builder.ToTable("threat_assessments");
        builder.HasKey(a => a.Id);
        builder.HasOne<SupportRequest>().WithOne().HasForeignKey<ThreatAssessment>(a => a.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.AssessedByPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.UpdatedByPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Factors).HasConversion<int>();
        builder.Property(a => a.Notes).HasMaxLength(ThreatAssessments.NotesMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.SupportRequestId).IsUnique();
        builder.HasIndex(a => a.ReviewOn);
        builder.HasMany(a => a.Measures).WithOne().HasForeignKey(m => m.ThreatAssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProtectiveMeasureConfiguration : IEntityTypeConfiguration<ProtectiveMeasure>
{
    public void Configure(EntityTypeBuilder<ProtectiveMeasure> builder)
    {
        builder.ToTable("protective_measures");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Owner).HasMaxLength(ThreatAssessments.OwnerMaxLength);
        builder.HasIndex(m => new { m.ThreatAssessmentId, m.Kind }).IsUnique();
    }
}
