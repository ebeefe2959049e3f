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
        builder.Property(r => r.IsOpen).HasComputedColumnSql("status IN ('New', 'Triaged', 'InProgress', 'WaitingOnPerson')", stored: true);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PersonId, r.SubmissionKey }).IsUnique();
        // The open queue: only open requests (a partial index, so it stays the size of the work in hand however many are
        // closed), in the default order (priority, then due time), covering the queue's filters and counts so they never
        // read the wide rows and its first page is read from the index, not sorted.
        builder.HasIndex(r => new { r.Priority, r.DueUtc, r.Status, r.Type, r.AssignedToPersonId, r.SlaPausedAtUtc, r.Restricted, r.CreatedUtc, r.FirstContactUtc, r.FirstContactDueUtc })
            .HasFilter("is_open").HasDatabaseName("ix_support_requests_queue");
        // Any one status, open or not, in the same order.
        builder.HasIndex(r => new { r.Status, r.Priority, r.DueUtc }).HasDatabaseName("ix_support_requests_status");
        // Only the assigned: "unassigned" is half the table, and an index of it would tempt the planner away from the open queue's.
        builder.HasIndex(r => r.AssignedToPersonId).HasFilter("assigned_to_person_id IS NOT NULL");
        builder.HasIndex(r => new { r.CreatedUtc, r.Restricted });
    }
}
