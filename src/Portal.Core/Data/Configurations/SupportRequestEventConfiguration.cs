using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class SupportRequestEventConfiguration : IEntityTypeConfiguration<SupportRequestEvent>
{
    public void Configure(EntityTypeBuilder<SupportRequestEvent> builder)
    {
        builder.ToTable("support_request_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.What).HasMaxLength(500);
        builder.HasIndex(e => new { e.SupportRequestId, e.OccurredUtc });
    }
}
