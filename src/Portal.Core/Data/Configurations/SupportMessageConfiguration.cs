using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.Data.Configurations;

internal sealed class SupportMessageConfiguration : IEntityTypeConfiguration<SupportMessage>
{
    public void Configure(EntityTypeBuilder<SupportMessage> builder)
    {
        builder.ToTable("support_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Body).HasMaxLength(SupportRequests.MessageMaxLength);
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(m => m.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.SupportRequestId, m.SentUtc });
    }
}
