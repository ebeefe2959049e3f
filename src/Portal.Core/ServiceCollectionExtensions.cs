using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.DemoData;
using Portal.Core.Guidance;
using Portal.Core.Imports;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Core.People;
using Portal.Core.Support;

namespace Portal.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The domain services every host needs. The database provider is registered by the host.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PersonMatchingOptions>().Bind(configuration.GetSection(PersonMatchingOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PayNumberClaim) || o.EmailClaims.Count > 0, "PersonMatching needs a PayNumberClaim or at least one EmailClaims entry.")
            .ValidateOnStart();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<PersonnelImporter>();
        services.AddScoped<ManifestImporter>();
        services.AddScoped<DemoWorkforceSeeder>();
        services.AddScoped<DemoSupportSeeder>();
        services.AddScoped<PersonMatcher>();
        services.AddScoped<Portal.Core.Sessions.SignInSessions>();
        services.AddScoped<SubjectAccess>();
        services.AddOptions<Portal.Core.Retention.RetentionOptions>().Bind(configuration.GetSection(Portal.Core.Retention.RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Jobs.RetentionJob>();
        services.AddScoped<SupportRequests>();
        services.AddScoped<Outreach.Unconfirmed>();
        services.AddOptions<Texts.SmsOptions>().Bind(configuration.GetSection(Texts.SmsOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Delivery != Texts.SmsDelivery.Kannel || !string.IsNullOrWhiteSpace(o.KannelUrl), "Texts:Delivery is Kannel, so Texts:KannelUrl must name its sendsms address.")
            .ValidateOnStart();
        services.AddSingleton<Texts.DeliveryReportTokens>();
        // Its HTTP client logs nothing: the address it calls carries the number, the text and the password. Nor does
        // it time out by itself (100 s by default, under Texts:TimeoutSeconds' 120): the gateway's own timeout is the one
        // that ends a request, and says so, as the caller's cancellation no longer may once the text is handed over.
        services.AddHttpClient<Texts.KannelGateway>(http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<Texts.PickupSmsGateway>();
        services.AddScoped<Texts.ISmsGateway>(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Texts.SmsOptions>>().Value.Delivery == Texts.SmsDelivery.Kannel
            ? provider.GetRequiredService<Texts.KannelGateway>()
            : provider.GetRequiredService<Texts.PickupSmsGateway>());
        services.AddScoped<Texts.MobileNumbers>();
        services.AddScoped<Texts.TextReports>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Jobs.AuditCheckpointJob>();
        services.AddScoped<Portal.Core.Incidents.IncidentAdmin>();
        services.AddScoped<GuidanceAdmin>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ImportRuns>();
        services.AddScoped<Jobs.ImportJob>();
        services.AddSingleton<ImportProgress>();
        services.AddScoped<CampaignAudience>();
        services.AddOptions<NoticeOptions>().Bind(configuration.GetSection(NoticeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Delivery != MailDelivery.Smtp || !string.IsNullOrWhiteSpace(o.Host), "Mail:Delivery is Smtp, so Mail:Host must name the relay.")
            .ValidateOnStart();
        services.AddScoped<Campaigns>();
        services.AddScoped<CampaignReports>();
        services.AddScoped<CampaignSummaries>();
        services.AddScoped<TestNotices>();
        services.AddScoped<MyNotices>();
        services.AddScoped<DeliveryRows>();
        services.AddScoped<Jobs.CampaignDispatchJob>();
        services.AddScoped<Jobs.NoticeBatchJob>();
        services.AddScoped<Jobs.DeliverySweepJob>();
        services.AddScoped<Outreach.LadderDue>();
        services.AddScoped<Outreach.LadderReports>();
        services.AddScoped<Outreach.Letters>();
        services.AddScoped<Evidence.Statements>();
        services.AddScoped<Evidence.BreachReports>();
        services.AddScoped<Evidence.Decisions>();
        services.AddScoped<Evidence.IncidentEvidence>();
        services.AddScoped<Support.SavedReplies>();
        services.AddScoped<Support.SupportBulk>();
        services.AddScoped<Support.ThreatAssessments>();
        services.AddScoped<Support.WelfareAlerts>();
        services.AddScoped<Claims.ClaimSchemes>();
        services.AddScoped<Claims.ProtectionClaims>();
        services.AddOptions<Claims.ClaimsOptions>().Bind(configuration.GetSection(Claims.ClaimsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Claims.ReceiptStore>();
        services.AddScoped<Claims.ClaimAssessments>();
        services.AddScoped<Claims.ClaimDuplicates>();
        services.AddScoped<Claims.PaymentFiles>();
        services.AddScoped<Jobs.LadderJob>();
        services.AddSingleton<Jobs.LadderJob.Gate>();
        services.AddOptions<Oversight.OversightOptions>().Bind(configuration.GetSection(Oversight.OversightOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Oversight.OversightCounts>();
        services.AddScoped<Oversight.OversightSnapshots>();
        services.AddSingleton<Oversight.OversightSnapshots.Latest>();
        services.AddScoped<Oversight.BoardPacks>();
        services.AddScoped<Jobs.OversightFiguresJob>();
        services.AddScoped<Jobs.WelfareAlertJob>();
        services.AddScoped<Jobs.BoardPackJob>();
        services.AddSingleton<Texts.NoticeTexts>();
        services.AddSingleton<Texts.TextRateLimiter>();
        services.AddScoped<NoticeQueue>();
        services.AddSingleton<NoticeMessages>();
        services.AddSingleton<MailConnectionPool>();
        services.AddSingleton<RelayWatch>();
        services.AddHostedService(services => services.GetRequiredService<RelayWatch>());
        services.AddSingleton<NoticeRateLimiter>();
        services.AddSingleton<DeliveryStampWriter>();
        services.AddSingleton<NoticeJobFilters>();
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.WorkingHours.End > o.WorkingHours.Start, "Support:WorkingHours:End must be later in the day than Support:WorkingHours:Start.")
            .Validate(o => Enum.IsDefined(o.WorkingHours.Nation), "Support:WorkingHours:Nation must be EnglandAndWales, Scotland or NorthernIreland.")
            .ValidateOnStart();
        return services;
    }
}
