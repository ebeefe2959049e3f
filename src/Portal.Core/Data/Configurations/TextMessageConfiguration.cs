using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class TextMessageConfiguration : IEntityTypeConfiguration<TextMessage>
{
    public void Configure(EntityTypeBuilder<TextMessage> builder)
    {
        builder.ToTable("text_messages");
        builder.HasKey(t => t.Id);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ClaimToken).HasMaxLength(40);
        builder.Property(t => t.LastError).HasMaxLength(500);
        builder.HasIndex(t => new { t.CampaignId, t.PersonId }).IsUnique();
        builder.HasIndex(t => new { t.PersonId, t.Purpose, t.CreatedUtc });
        builder.HasIndex(t => new { t.Status, t.NextAttemptUtc });
    }
}
