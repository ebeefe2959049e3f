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
        builder.Property(c => c.DecisionReason).HasMaxLength(2000);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AssignedToPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentFile>().WithMany().HasForeignKey(c => c.PaymentFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PersonId, c.SubmissionKey }).IsUnique();
        builder.HasIndex(c => new { c.SchemeId, c.Status });
        // The export's question: approved, and in no file yet.
        builder.HasIndex(c => new { c.Status, c.PaymentFileId });
        builder.HasIndex(c => c.PaymentFileId);
        builder.HasIndex(c => c.AssignedToPersonId);
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
        builder.Property(i => i.SupplierKey).HasMaxLength(200);
        builder.HasIndex(i => new { i.SupplierKey, i.BoughtOn, i.AmountPence });
        builder.HasIndex(i => i.ClaimId);
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

internal sealed class ClaimMessageConfiguration : IEntityTypeConfiguration<ClaimMessage>
{
    public void Configure(EntityTypeBuilder<ClaimMessage> builder)
    {
        builder.ToTable("claim_messages");
        builder.HasKey(m => m.Id);
        builder.HasOne<ProtectionClaim>().WithMany().HasForeignKey(m => m.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Body).HasMaxLength(4000);
        builder.HasIndex(m => m.ClaimId);
    }
}

internal sealed class PaymentFileConfiguration : IEntityTypeConfiguration<PaymentFile>
{
    public void Configure(EntityTypeBuilder<PaymentFile> builder)
    {
        builder.ToTable("payment_files");
        builder.HasKey(f => f.Id);
        builder.Ignore(f => f.Name);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.Version).IsConcurrencyToken();
    }
}
