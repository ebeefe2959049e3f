using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.Data.Configurations;

internal sealed class SupportRequestConfiguration : IEntityTypeConfiguration<SupportRequest>
{
    public void Configure(EntityTypeBuilder<SupportRequest> builder)
    {
        builder.ToTable("support_requests");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.Reference);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.AssignedToPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.StatedUrgency).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Description).HasMaxLength(SupportRequests.DescriptionMaxLength);
        builder.Property(r => r.ContactMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ContactPhone).HasMaxLength(SupportRequests.PhoneMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ComputedPriority).HasConversion<int>();
        builder.Property(r => r.PriorityOverride).HasConversion<int?>();
        builder.Property(r => r.PriorityOverrideReason).HasMaxLength(500);
        builder.Property(r => r.Priority).HasConversion<int>();
        builder.PrimitiveCollection(r => r.PriorityReasons).HasMaxLength(2000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PersonId, r.SubmissionKey }).IsUnique();
        // Covers the welfare queue's filters, counts and sort, so they never read the wide rows.
        builder.HasIndex(r => new { r.Status, r.Priority, r.DueUtc, r.Type, r.AssignedToPersonId, r.SlaPausedAtUtc, r.Restricted, r.CreatedUtc, r.FirstContactUtc, r.FirstContactDueUtc })
            .HasDatabaseName("ix_support_requests_queue");
        builder.HasIndex(r => r.AssignedToPersonId);
        builder.HasIndex(r => new { r.CreatedUtc, r.Restricted });
    }
}
