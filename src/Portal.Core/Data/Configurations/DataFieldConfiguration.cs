using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class DataFieldConfiguration : IEntityTypeConfiguration<DataField>
{
    public void Configure(EntityTypeBuilder<DataField> builder)
    {
        builder.ToTable("data_fields");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(30);
        builder.Property(f => f.Flag).HasConversion<int>();
        builder.HasIndex(f => f.Flag).IsUnique();
        builder.Property(f => f.Name).HasMaxLength(100);
        builder.Property(f => f.Meaning).HasMaxLength(1000);
        builder.Property(f => f.WhyItMatters).HasMaxLength(1000);
        builder.HasData(DataFieldCatalogue.All.Select(f => new
        {
            f.Key,
            f.Flag,
            f.Name,
            f.Meaning,
            f.WhyItMatters,
            f.DisplayOrder,
        }));
    }
}
