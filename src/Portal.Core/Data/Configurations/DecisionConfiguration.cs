using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Domain;
using Portal.Core.Evidence;

namespace Portal.Core.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("decisions");
        builder.HasKey(d => d.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NoticeCampaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => new { d.IncidentId, d.RecordedUtc });
        builder.HasIndex(d => d.CampaignId);
        builder.Property(d => d.RecordedBySubject).HasMaxLength(200);
        builder.Property(d => d.What).HasMaxLength(Decisions.WhatMaxLength);
        builder.Property(d => d.Why).HasMaxLength(Decisions.WhyMaxLength);
    }
}
