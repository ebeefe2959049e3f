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
        // No foreign keys: the rows are only ever written from delivery rows (which have them), 41,000 at a time, and on
        // PostgreSQL the checks were a third of the time of writing them. Retention removes them with the deliveries.
        builder.Property(o => o.Step).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.ClaimToken).HasMaxLength(40);
        builder.Property(o => o.LastError).HasMaxLength(500);
        builder.HasIndex(o => new { o.CampaignId, o.PersonId, o.Step }).IsUnique();
        builder.HasIndex(o => new { o.Status, o.Step, o.NextAttemptUtc });
        // Only the few rows with a letter or a call are in these, so writing the many costs them nothing.
        builder.HasIndex(o => o.LetterBatchId).HasFilter("letter_batch_id IS NOT NULL");
        builder.HasIndex(o => o.SupportRequestId).HasFilter("support_request_id IS NOT NULL");
    }
}
