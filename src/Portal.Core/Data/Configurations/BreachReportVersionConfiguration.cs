using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Evidence;

namespace Portal.Core.Data.Configurations;

internal sealed class BreachReportVersionConfiguration : IEntityTypeConfiguration<BreachReportVersion>
{
    public void Configure(EntityTypeBuilder<BreachReportVersion> builder)
    {
        builder.ToTable("breach_report_versions");
        builder.HasKey(v => v.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.IncidentId, v.Version }).IsUnique();
        builder.Property(v => v.SavedBySubject).HasMaxLength(200);
        builder.Property(v => v.Nature).HasMaxLength(BreachReports.TextMaxLength);
        builder.Property(v => v.LikelyConsequences).HasMaxLength(BreachReports.TextMaxLength);
        builder.Property(v => v.OtherMeasures).HasMaxLength(BreachReports.TextMaxLength);
        builder.Property(v => v.DelayReasons).HasMaxLength(BreachReports.TextMaxLength);
    }
}
