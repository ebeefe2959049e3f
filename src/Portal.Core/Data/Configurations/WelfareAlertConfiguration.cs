using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class WelfareAlertConfiguration : IEntityTypeConfiguration<WelfareAlert>
{
    public void Configure(EntityTypeBuilder<WelfareAlert> builder)
    {
        builder.ToTable("welfare_alerts");
        builder.HasKey(a => a.Id);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(a => a.SupportRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        // Warned once: the same target of the same request is never warned of twice to the same person.
        builder.HasIndex(a => new { a.PersonId, a.SupportRequestId, a.Kind, a.DueUtc }).IsUnique();
        builder.HasIndex(a => new { a.PersonId, a.CreatedUtc });
        builder.HasIndex(a => a.EmailedUtc);
    }
}
