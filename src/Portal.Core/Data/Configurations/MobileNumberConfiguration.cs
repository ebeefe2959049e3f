using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class MobileNumberConfiguration : IEntityTypeConfiguration<MobileNumber>
{
    public void Configure(EntityTypeBuilder<MobileNumber> builder)
    {
        builder.ToTable("mobile_numbers");
        builder.HasKey(m => m.PersonId);
        builder.HasOne<Person>().WithOne().HasForeignKey<MobileNumber>(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.NumberProtected).HasMaxLength(1000);
        builder.Property(m => m.PendingProtected).HasMaxLength(1000);
        builder.Property(m => m.CodeProtected).HasMaxLength(1000);
        builder.Property(m => m.Ending).HasMaxLength(3);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}
