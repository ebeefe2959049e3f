using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class LetterBatchConfiguration : IEntityTypeConfiguration<LetterBatch>
{
    public void Configure(EntityTypeBuilder<LetterBatch> builder)
    {
        builder.ToTable("letter_batches");
        builder.HasKey(b => b.Id);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.CampaignId);
    }
}
