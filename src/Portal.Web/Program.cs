using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.DevSignIn;
using Portal.Web.Infrastructure.Security;

var started = Stopwatch.StartNew();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = PortalPaths.FindWebRoot() });

builder.Services.AddPortalCore(builder.Configuration);
builder.AddPortalDatabase();
builder.AddPortalJobs();
builder.AddPortalAuthentication();
Policies.Add(builder.Services.AddAuthorizationBuilder());
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentPerson>();
builder.Services.AddSingleton<StaffContentCache>();
builder.Services.AddScoped<WelfareUsers>();
builder.Services.AddSingleton<Portal.Web.Pages.Welfare.RequestsPerDay>();
builder.Services.AddScoped<Administrators>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SupportRequestAuthorizationHandler>();
builder.Services.AddScoped<AccessRefusals>();
builder.Services.AddSingleton<LookupTokens>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
// Keys that protect the sign-in cookie and antiforgery tokens live in the database under one application name, so
// a cookie issued by one node is accepted by every other.
builder.Services.AddDataProtection().SetApplicationName("ExposurePortal").PersistKeysToDbContext<PortalDbContext>();
builder.Services.AddSingleton<MailHealthCheck>();
builder.Services.AddHealthChecks()
    .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
    .AddCheck<MailHealthCheck>("mail", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, tags: ["ready"]);
builder.AddPortalProxy();
builder.AddPortalRateLimits();
builder.AddPortalRequestLogging();
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
{
    CleanTextModelBinderProvider.AddTo(options);
    options.Filters.Add<UnknownHandlerFilter>();
    options.Filters.Add<UnreadableFormFilter>();
});

var devSignIn = DevSignInOptions.From(builder.Configuration).Enabled;
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Welfare", Policies.Welfare);
    options.Conventions.AuthorizeFolder("/Welfare/Replies", Policies.WelfareLead);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
    options.Conventions.AuthorizeFolder("/Oversight", Policies.Oversight);
    options.Conventions.AuthorizeFolder("/Claims", Policies.Claims);
    options.AddCreatePageRoute("/Admin/Campaigns/Edit", "/admin/campaigns/new");
    options.AddCreatePageRoute("/Admin/Incidents/Incident", "/admin/incidents/new");
    options.AddCreatePageRoute("/Admin/Guidance/Article", "/admin/guidance/new");
    options.AddCreatePageRoute("/Welfare/Replies/Reply", "/welfare/replies/new");
    options.AddCreatePageRoute("/Admin/Schemes/Scheme", "/admin/schemes/new");
    options.Conventions.AllowAnonymousToFolder("/Errors");
    options.Conventions.AllowAnonymousToFolder("/Verify");
    options.Conventions.AllowAnonymousToFolder("/Dev");
    if (!devSignIn)
    {
        // Not hidden, absent: without DevSignIn:Enabled the /Dev pages have no route at all.
        options.Conventions.AddFolderRouteModelConvention("/Dev", model => model.Selectors.Clear());
    }
});

var app = builder.Build();

await app.InitialiseDatabaseAsync();
await app.StartPortalJobsAsync();

// First, so that everything after it (HSTS, cookies, the audit trail, the sign-in limit) sees the client as the
// configured proxy reports it: HTTPS ended at the proxy, and the client's own address.
app.UseForwardedHeaders();
// Every page is in UK English, whatever the server's culture or the browser's languages (see UkEnglish).
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new(UkEnglish.Culture),
    SupportedCultures = [UkEnglish.Culture],
    SupportedUICultures = [UkEnglish.Culture],
    RequestCultureProviders = [],
});
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/errors/500");
    app.UseHsts();
}

app.UseSecurityHeaders(JobSetup.JobsDashboardPath, AuthenticationSetup.SignInOrigin(app.Configuration));
app.UseStatusCodePagesWithReExecute("/errors/{0}");
app.UseStaticFiles();
app.UseRouting();
app.UsePortalRequestLogging();
app.UseRequestSizeLimits();
app.UseSignInCallbackRateLimit(AuthenticationSetup.CallbackPath(app.Configuration));
app.UseAuthentication();
app.UseAuthorization();
app.UseNulCharacterFields();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapHealthChecks("/health/details", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthDetails.WriteAsync }).AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapRazorPages();
// Kannel's delivery reports: no sign-in, but each address carries a token made for its one text (see DeliveryReportTokens).
app.MapGet(Portal.Core.Texts.DeliveryReportTokens.Path, async (long? m, string? t, int? status, string? answer,
    Portal.Core.Texts.DeliveryReportTokens tokens, Portal.Core.Texts.TextReports reports, CancellationToken cancellationToken) =>
    m is { } id && status is { } type && tokens.IsValid(id, t) && await reports.RecordAsync(id, type, answer, cancellationToken) ? Results.Text("OK") : Results.NotFound())
    .AllowAnonymous().DisableAntiforgery();
app.MapJobsDashboard();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Exposure Portal ready in {Elapsed} ms", started.ElapsedMilliseconds));

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
