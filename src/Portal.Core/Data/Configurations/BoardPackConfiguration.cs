using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class BoardPackConfiguration : IEntityTypeConfiguration<BoardPack>
{
    public void Configure(EntityTypeBuilder<BoardPack> builder)
    {
        builder.ToTable("board_packs");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.ForDate).IsUnique();
    }
}
