using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Audit;
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

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("audit_chain_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
        builder.HasData(new AuditChainHead { Id = AuditChain.HeadId, LastSequence = 0, LastHash = "" });
    }
}

internal sealed class WelfareTeamMemberConfiguration : IEntityTypeConfiguration<WelfareTeamMember>
{
    public void Configure(EntityTypeBuilder<WelfareTeamMember> builder)
    {
        builder.ToTable("welfare_team_members");
        builder.HasKey(m => m.PersonId);
        builder.Property(m => m.PersonId).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
