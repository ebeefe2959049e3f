using Microsoft.EntityFrameworkCore;
using Portal.Core.Domain;

namespace Portal.Core.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentUpdate> IncidentUpdates => Set<IncidentUpdate>();
    public DbSet<DataField> DataFields => Set<DataField>();
    public DbSet<Exposure> Exposures => Set<Exposure>();
    public DbSet<GuidanceArticle> GuidanceArticles => Set<GuidanceArticle>();
    public DbSet<SupportRequest> SupportRequests => Set<SupportRequest>();
    public DbSet<SupportMessage> SupportMessages => Set<SupportMessage>();
    public DbSet<SupportNote> SupportNotes => Set<SupportNote>();
    public DbSet<SupportRequestEvent> SupportRequestEvents => Set<SupportRequestEvent>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<WelfareTeamMember> WelfareTeamMembers => Set<WelfareTeamMember>();
    public DbSet<NoticeCampaign> NoticeCampaigns => Set<NoticeCampaign>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Acknowledgement> Acknowledgements => Set<Acknowledgement>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the portal is UTC. SQLite forgets the kind; PostgreSQL insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
