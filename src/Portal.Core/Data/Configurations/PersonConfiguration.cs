using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public const int PayNumberLength = 20;
    public const int NameLength = 100;
    public const int RankOrGradeLength = 100;
    public const int UnitLength = 150;
    public const int WorkLocationLength = 150;
    public const int EmailLength = 254;

    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PayNumber).HasMaxLength(PayNumberLength);
        builder.HasIndex(p => p.PayNumber).IsUnique();
        builder.Property(p => p.GivenName).HasMaxLength(NameLength);
        builder.Property(p => p.FamilyName).HasMaxLength(NameLength);
        builder.HasIndex(p => p.FamilyName);
        builder.Property(p => p.PersonnelType).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.RankOrGrade).HasMaxLength(RankOrGradeLength);
        builder.Property(p => p.Unit).HasMaxLength(UnitLength);
        builder.Property(p => p.WorkLocation).HasMaxLength(WorkLocationLength);
        builder.Property(p => p.VettingLevel).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Email).HasMaxLength(EmailLength);
        builder.Property(p => p.EmailNormalised).HasMaxLength(EmailLength);
        builder.HasIndex(p => p.EmailNormalised);
        builder.Property(p => p.SensitiveRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Ignore(p => p.DisplayName);
    }
}
