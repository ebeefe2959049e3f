using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorSubject).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Target).HasMaxLength(100);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.From).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredUtc);
        builder.HasIndex(e => new { e.SubjectPersonId, e.OccurredUtc });
        builder.HasIndex(e => new { e.ActorPersonId, e.OccurredUtc });
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.Action, e.OccurredUtc });
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.KeyId).HasMaxLength(50);
    }
}
