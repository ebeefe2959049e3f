using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Domain;

namespace Portal.Core.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentUpdate> IncidentUpdates => Set<IncidentUpdate>();
    public DbSet<DataField> DataFields => Set<DataField>();
    public DbSet<Exposure> Exposures => Set<Exposure>();
    public DbSet<GuidanceArticle> GuidanceArticles => Set<GuidanceArticle>();
    public DbSet<GuidanceVersion> GuidanceVersions => Set<GuidanceVersion>();
    public DbSet<SupportRequest> SupportRequests => Set<SupportRequest>();
    public DbSet<SupportMessage> SupportMessages => Set<SupportMessage>();
    public DbSet<SupportNote> SupportNotes => Set<SupportNote>();
    public DbSet<SupportRequestEvent> SupportRequestEvents => Set<SupportRequestEvent>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHead => Set<AuditChainHead>();
    public DbSet<WelfareTeamMember> WelfareTeamMembers => Set<WelfareTeamMember>();
    public DbSet<NoticeCampaign> NoticeCampaigns => Set<NoticeCampaign>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Acknowledgement> Acknowledgements => Set<Acknowledgement>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportFinding> ImportFindings => Set<ImportFinding>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<MobileNumber> MobileNumbers => Set<MobileNumber>();
    public DbSet<TextMessage> TextMessages => Set<TextMessage>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<LetterBatch> LetterBatches => Set<LetterBatch>();
    public DbSet<IncidentFieldStatus> IncidentFieldStatuses => Set<IncidentFieldStatus>();
    public DbSet<ExposureChange> ExposureChanges => Set<ExposureChange>();
    public DbSet<ExposureView> ExposureViews => Set<ExposureView>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<OversightSnapshot> OversightSnapshots => Set<OversightSnapshot>();
    public DbSet<BoardPack> BoardPacks => Set<BoardPack>();
    public DbSet<BreachReportVersion> BreachReportVersions => Set<BreachReportVersion>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<SavedReply> SavedReplies => Set<SavedReply>();
    public DbSet<ThreatAssessment> ThreatAssessments => Set<ThreatAssessment>();
    public DbSet<ProtectiveMeasure> ProtectiveMeasures => Set<ProtectiveMeasure>();
    public DbSet<WelfareAlert> WelfareAlerts => Set<WelfareAlert>();
    public DbSet<ProtectionScheme> ProtectionSchemes => Set<ProtectionScheme>();
    public DbSet<ProtectionClaim> ProtectionClaims => Set<ProtectionClaim>();
    public DbSet<ClaimItem> ClaimItems => Set<ClaimItem>();
    public DbSet<ClaimAllowance> ClaimAllowances => Set<ClaimAllowance>();
    public DbSet<ClaimMessage> ClaimMessages => Set<ClaimMessage>();
    public DbSet<PaymentFile> PaymentFiles => Set<PaymentFile>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every node (see docs/deploying.md).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Saves, sealing any new audit events into the chain in the same transaction (see <see cref="AuditChain"/>).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var sharedContent = TouchesSharedContent();
        var saved = await SaveSealedAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (sharedContent)
        {
            SharedContent.Changed();
        }

        return saved;
    }

    /// <summary>Whether this save changes what every signed-in person sees alike (incidents, their updates, guidance). One pass over what is tracked.</summary>
    private bool TouchesSharedContent() =>
        ChangeTracker.Entries().Any(e => (e.Entity is Incident or IncidentUpdate or IncidentFieldStatus or GuidanceArticle) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private async Task<int> SaveSealedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (!AuditChain.HasUnsealed(this))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChain.SealAsync(this, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChain.SealAsync(this, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Synchronous saving is not used: an audit event could not be sealed without blocking on the database.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        AuditChain.HasUnsealed(this)
            ? throw new InvalidOperationException("Save audit events with SaveChangesAsync, which seals them into the audit chain.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the portal is UTC. SQLite forgets the kind; PostgreSQL insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        SnakeCaseNames.Apply(modelBuilder);
    }
}
