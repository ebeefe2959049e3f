using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Reference).HasMaxLength(20);
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Source).HasMaxLength(200);
        builder.Property(i => i.Summary).HasMaxLength(4000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(i => i.NotIncluded).HasMaxLength(2000);
        builder.HasMany(i => i.Updates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.ToTable("import_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.FileSha256).HasMaxLength(64);
        builder.Property(r => r.UploadedBySubject).HasMaxLength(200);
        builder.Property(r => r.AppliedBySubject).HasMaxLength(200);
        builder.Property(r => r.Failure).HasMaxLength(1000);
        builder.HasIndex(r => r.UploadedUtc);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

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
