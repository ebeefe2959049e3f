using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.Data.Configurations;

internal sealed class SavedReplyConfiguration : IEntityTypeConfiguration<SavedReply>
{
    public void Configure(EntityTypeBuilder<SavedReply> builder)
    {
        builder.ToTable("saved_replies");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(SavedReplies.TitleMaxLength);
        builder.Property(r => r.Body).HasMaxLength(SupportRequests.MessageMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Title).IsUnique();
    }
}
