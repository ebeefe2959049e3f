using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ImportFindingConfiguration : IEntityTypeConfiguration<ImportFinding>
{
    public void Configure(EntityTypeBuilder<ImportFinding> builder)
    {
        builder.ToTable("import_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ColumnName).HasMaxLength(100);
        builder.Property(f => f.Message).HasMaxLength(1000);
        builder.HasIndex(f => new { f.ImportRunId, f.Kind, f.Line });
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(f => f.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
