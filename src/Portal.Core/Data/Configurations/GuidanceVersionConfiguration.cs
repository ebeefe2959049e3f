using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class GuidanceVersionConfiguration : IEntityTypeConfiguration<GuidanceVersion>
{
    public void Configure(EntityTypeBuilder<GuidanceVersion> builder)
    {
        builder.ToTable("guidance_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
        builder.Property(v => v.Slug).HasMaxLength(GuidanceArticleConfiguration.SlugLength);
        builder.Property(v => v.Title).HasMaxLength(200);
        builder.Property(v => v.Summary).HasMaxLength(500);
        builder.Property(v => v.BodyMarkdown).HasMaxLength(GuidanceArticleConfiguration.BodyLength);
        builder.Property(v => v.Fields).HasConversion<int>();
        builder.PrimitiveCollection(v => v.ForRoles).HasMaxLength(200).ElementType().HasConversion<string>();
        builder.Property(v => v.SavedBySubject).HasMaxLength(200);
        builder.HasOne<GuidanceArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
