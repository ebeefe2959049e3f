using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;

namespace Portal.Core.Data.Configurations;

internal sealed class WelfareTeamMemberConfiguration : IEntityTypeConfiguration<WelfareTeamMember>
{
    public void Configure(EntityTypeBuilder<WelfareTeamMember> builder)
    {
        builder.ToTable("welfare_team_members");
        builder.HasKey(m => m.PersonId);
        builder.Property(m => m.PersonId).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
