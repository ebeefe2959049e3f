using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Claims;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ProtectionSchemeConfiguration : IEntityTypeConfiguration<ProtectionScheme>
{
    public void Configure(EntityTypeBuilder<ProtectionScheme> builder)
    {
        builder.ToTable("protection_schemes");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(ClaimSchemes.CodeMaxLength);
        builder.Property(s => s.Name).HasMaxLength(ClaimSchemes.NameMaxLength);
        builder.Property(s => s.Covers).HasMaxLength(ClaimSchemes.TextMaxLength);
        builder.Property(s => s.EvidenceNeeded).HasMaxLength(ClaimSchemes.TextMaxLength);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Audience).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(s => s.AudienceUnits).HasMaxLength(4000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Incident>().WithMany().HasForeignKey(s => s.AudienceIncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.HasIndex(s => new { s.OpensOn, s.ClosesOn });
    }
}
