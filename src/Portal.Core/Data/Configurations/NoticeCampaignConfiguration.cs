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
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.ClaimToken).HasMaxLength(36);
        builder.HasIndex(d => new { d.CampaignId, d.PersonId }).IsUnique();
        builder.HasIndex(d => new { d.CampaignId, d.Status, d.Id });
        builder.HasIndex(d => d.PersonId);
        builder.HasIndex(d => new { d.CampaignId, d.SentUtc });
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AcknowledgementConfiguration : IEntityTypeConfiguration<Acknowledgement>
{
    public void Configure(EntityTypeBuilder<Acknowledgement> builder)
    {
        builder.ToTable("acknowledgements");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.CampaignId, a.PersonId }).IsUnique();
        builder.HasIndex(a => a.PersonId);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
