using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class GuidanceArticleConfiguration : IEntityTypeConfiguration<GuidanceArticle>
{
    public const int SlugLength = 100;
    public const int BodyLength = 40_000;

    public void Configure(EntityTypeBuilder<GuidanceArticle> builder)
    {
        builder.ToTable("guidance_articles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Slug).HasMaxLength(SlugLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Summary).HasMaxLength(500);
        builder.Property(a => a.BodyMarkdown).HasMaxLength(BodyLength);
        builder.Property(a => a.Fields).HasConversion<int>();
        builder.PrimitiveCollection(a => a.ForRoles).HasMaxLength(200).ElementType().HasConversion<string>();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.Status, a.DisplayOrder });
    }
}
