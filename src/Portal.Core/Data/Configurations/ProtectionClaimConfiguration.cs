using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ProtectionClaimConfiguration : IEntityTypeConfiguration<ProtectionClaim>
{
    public void Configure(EntityTypeBuilder<ProtectionClaim> builder)
    {
        builder.ToTable("protection_claims");
        builder.HasKey(c => c.Id);
        builder.Ignore(c => c.Reference);
        builder.HasOne<ProtectionScheme>().WithMany().HasForeignKey(c => c.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PersonId, c.SubmissionKey }).IsUnique();
        builder.HasIndex(c => new { c.SchemeId, c.Status });
    }
}

internal sealed class ClaimItemConfiguration : IEntityTypeConfiguration<ClaimItem>
{
    public void Configure(EntityTypeBuilder<ClaimItem> builder)
    {
        builder.ToTable("claim_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.What).HasMaxLength(200);
        builder.Property(i => i.Supplier).HasMaxLength(200);
        builder.Property(i => i.ReceiptSha256).HasMaxLength(64);
        builder.Property(i => i.ReceiptContentType).HasMaxLength(40);
        builder.Property(i => i.ReceiptFile).HasMaxLength(100);
        // The same receipt, or the same supplier, day and amount, in any claim by anyone.
        builder.HasIndex(i => i.ReceiptSha256);
        builder.HasIndex(i => new { i.Supplier, i.BoughtOn, i.AmountPence });
    }
}

internal sealed class ClaimAllowanceConfiguration : IEntityTypeConfiguration<ClaimAllowance>
{
    public void Configure(EntityTypeBuilder<ClaimAllowance> builder)
    {
        builder.ToTable("claim_allowances");
        builder.HasKey(a => new { a.SchemeId, a.PersonId });
        builder.HasOne<ProtectionScheme>().WithMany().HasForeignKey(a => a.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}
