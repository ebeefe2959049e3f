using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Portal.Core.Jobs;
using Portal.Core.Notices;
using Portal.Core.Notices.Mail;
using Portal.Core.Oversight;
using Portal.Web.Infrastructure.Security;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Hangfire for every background job: in-process storage for the one-machine SQLite default, and Hangfire.PostgreSql (shared by
/// every node, in its own <c>hangfire</c> schema) when the portal runs on PostgreSQL; a server on the notices queue
/// with <see cref="NoticeOptions.Parallelism"/> workers, the recurring jobs (<see cref="RecurringJobs"/>), and the
/// dashboard at <c>/admin/jobs</c> for administrators only.
/// </summary>
public static class JobSetup
{
    public static void AddPortalJobs(this WebApplicationBuilder builder)
    {
        var notices = builder.Configuration.GetSection(NoticeOptions.SectionName).Get<NoticeOptions>() ?? new NoticeOptions();
        var database = DatabaseOptions.From(builder.Configuration);
        var jobs = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        builder.Services.PostConfigure<MailOptions>(mail => mail.PickupDirectory = PortalPaths.ResolveDataPath(builder.Environment, mail.PickupDirectory));

        // This host's own storage, activator and filters, registered before AddHangfire so that its defaults
        // (Hangfire's static "current" ones) are not used: several hosts in one process never share a queue.
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            // Hangfire's logging is process-wide: configure it for this host before the storage asks for a logger.
            services.GetRequiredService<IGlobalConfiguration>();
            return database.IsPostgreSql
                ? PostgreSqlStorageFor(database.ConnectionString!, jobs)
                : new InMemoryStorage(new InMemoryStorageOptions());
        });
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<IJobFilterProvider>(services => new JobFilterProviderCollection(JobFilterProviders.Providers, services.GetRequiredService<NoticeJobFilters>()));
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(new OutlivedLoggerFactory(services.GetRequiredService<ILoggerFactory>()))));

        builder.Services.AddHangfireServer(options =>
        {
            options.ServerName = $"{jobs.ServerName ?? Environment.MachineName}:notices";
            options.Queues = [NoticeQueue.SendingQueue];
            options.WorkerCount = notices.Parallelism;
            options.SchedulePollingInterval = notices.SchedulePollingInterval;
        });
        builder.Services.AddHangfireServer(options =>
        {
            options.ServerName = $"{jobs.ServerName ?? Environment.MachineName}:default";
            options.Queues = [Hangfire.States.EnqueuedState.DefaultQueue];
            options.WorkerCount = 2;
            options.SchedulePollingInterval = notices.SchedulePollingInterval;
        });
    }

    /// <summary>
    /// The shared job store. Creating it installs or upgrades Hangfire's schema, which two nodes starting at once would
    /// race to do: they take turns (<see cref="StartupLock"/>).
    /// </summary>
    private static PostgreSqlStorage PostgreSqlStorageFor(string connectionString, JobsOptions jobs)
    {
        var options = PostgreSqlOptions(jobs);
        return StartupLock.HoldAsync(connectionString, () => Task.FromResult(new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options)))
            .GetAwaiter().GetResult();
    }

    private static PostgreSqlStorageOptions PostgreSqlOptions(JobsOptions jobs) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = jobs.InvisibilityTimeout,
        // A node that dies holding a lock (the recurring-job scheduler's, say) frees it as it frees its jobs: otherwise
        // no node would schedule the delivery sweeper for the library's default of 10 minutes, and rows the dead node
        // had claimed would wait that long to be sent.
        DistributedLockTimeout = jobs.InvisibilityTimeout,
        QueuePollInterval = jobs.QueuePollInterval,
        EnableLongPolling = true,
    };

    /// <summary>
    /// Registers the recurring jobs (<see cref="RecurringJobs"/>). With the in-process job store it also takes back what the last run of this
    /// process left half done — notices being sent, imports being checked or applied — as nothing else can hold them.
    /// With the shared store other nodes may be working: a job a dead node held comes back to another node when its
    /// invisibility times out, and delivery rows it held when the sweeper finds them stuck.
    /// </summary>
    public static async Task StartPortalJobsAsync(this WebApplication app)
    {
        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services);
        if (app.Services.GetRequiredService<IOptions<OversightOptions>>().Value.BoardPacks)
        {
            // A board pack that fell due while no node was running is made up now (a written one is left alone).
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<BoardPackJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (app.Services.GetRequiredService<JobStorage>() is InMemoryStorage)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliverySweepJob>().RecoverAfterRestartAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Portal.Core.Imports.ImportRuns>().RecoverAfterRestartAsync(CancellationToken.None);
        }
    }

    /// <summary>Where Hangfire's dashboard is, for administrators.</summary>
    public const string JobsDashboardPath = "/admin/jobs";

    public static void MapJobsDashboard(this WebApplication app)
    {
        // Hangfire answers its statistics to POSTs and reads a form for them; a GET made it fail with a 500.
        app.MapMethods(JobsDashboardPath + "/stats", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }).RequireAuthorization(Policies.Admin);

        app.MapHangfireDashboard(JobsDashboardPath, new DashboardOptions
        {
            // Never Hangfire's default (local requests only): administrators, checked here as well as by the policy.
            Authorization = [new AdministratorsOnly()],
            AsyncAuthorization = [],
            AppPath = "/admin",
            DashboardTitle = "Notice jobs",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = _ => false,
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.Admin);
    }

    /// <summary>The dashboard's own check: a signed-in administrator.</summary>
    internal sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(RoleNames.Admin);
        }
    }
}
