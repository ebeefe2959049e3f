using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class NoticeCampaignConfiguration : IEntityTypeConfiguration<NoticeCampaign>
{
    public const int SubjectLength = 200;
    public const int BodyLength = 10_000;

    public void Configure(EntityTypeBuilder<NoticeCampaign> builder)
    {
        builder.ToTable("notice_campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Subject).HasMaxLength(SubjectLength);
        builder.Property(c => c.BodyTemplate).HasMaxLength(BodyLength);
        builder.Property(c => c.Audience).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(c => c.AudienceUnits).HasMaxLength(4000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.CreatedBySubject).HasMaxLength(200);
        builder.Property(c => c.ApprovedBySubject).HasMaxLength(200);
        builder.HasOne<Incident>().WithMany().HasForeignKey(c => c.AudienceIncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Incident>().WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Status);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(c => c.AudienceCampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(c => c.AudienceImportRunId).OnDelete(DeleteBehavior.Restrict);
    }
}
