using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        builder.ToTable("escalations");
        builder.HasKey(o => o.Id);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LetterBatch>().WithMany().HasForeignKey(o => o.LetterBatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(o => o.SupportRequestId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(o => o.Step).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.ClaimToken).HasMaxLength(40);
        builder.Property(o => o.LastError).HasMaxLength(500);
        builder.HasIndex(o => new { o.CampaignId, o.PersonId, o.Step }).IsUnique();
        builder.HasIndex(o => new { o.Status, o.Step, o.NextAttemptUtc });
        builder.HasIndex(o => o.LetterBatchId);
        builder.HasIndex(o => o.SupportRequestId);
    }
}
