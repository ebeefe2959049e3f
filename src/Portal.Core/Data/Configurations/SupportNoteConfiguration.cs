using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.Data.Configurations;

internal sealed class SupportNoteConfiguration : IEntityTypeConfiguration<SupportNote>
{
    public void Configure(EntityTypeBuilder<SupportNote> builder)
    {
        builder.ToTable("support_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Body).HasMaxLength(SupportRequests.MessageMaxLength);
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(n => n.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.SupportRequestId, n.WrittenUtc });
    }
}
