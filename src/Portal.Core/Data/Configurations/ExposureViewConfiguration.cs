using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class ExposureViewConfiguration : IEntityTypeConfiguration<ExposureView>
{
    public void Configure(EntityTypeBuilder<ExposureView> builder)
    {
        builder.ToTable("exposure_views");
        builder.HasKey(v => v.PersonId);
        builder.HasOne<Person>().WithOne().HasForeignKey<ExposureView>(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
