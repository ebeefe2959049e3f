using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class OversightSnapshotConfiguration : IEntityTypeConfiguration<OversightSnapshot>
{
    public void Configure(EntityTypeBuilder<OversightSnapshot> builder)
    {
        builder.ToTable("oversight_snapshots");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.TakenUtc);
    }
}
