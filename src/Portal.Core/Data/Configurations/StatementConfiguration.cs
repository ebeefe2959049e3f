using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("statements");
        builder.HasKey(s => s.Id);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.Property(s => s.KeyId).HasMaxLength(50);
        builder.Property(s => s.Signature).HasMaxLength(100);
        builder.HasIndex(s => s.PersonId);
    }
}
