using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The real portal over a real database of its own: a SQLite file, or a PostgreSQL database when the tests run against
/// PostgreSQL (<see cref="TestProvider"/>). By default requests are signed in by the test
/// authentication scheme (see <see cref="TestAuthHandler"/>); with <see cref="TestAuthentication"/> off the
/// app's own sign-in (the development cookie, or Entra ID's challenge) is what runs.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Directory.CreateTempSubdirectory("portal-web-").FullName;

    public string EnvironmentName { get; init; } = "Development";
    public bool TestAuthentication { get; init; } = true;
    public bool Seed { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>When set, receives every log line at every level, as well as the usual providers.</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>When set, the sign-in cookie's clock, so a test can let time pass.</summary>
    public TestClock? Clock { get; init; }

    private string? connectionString;

    /// <summary>The folder this portal keeps its files in (imports, the seed files, the SQLite database).</summary>
    public string DataDirectory => directory;

    /// <summary>Another portal whose database this one uses, as a second node would; null for a database of its own.</summary>
    public PortalFactory? SameDatabaseAs { get; init; }

    /// <summary>The database's connection string (created on first use; PostgreSQL's from a migrated template).</summary>
    public string ConnectionString => SameDatabaseAs?.ConnectionString ?? (connectionString ??= TestProvider.CreateDatabaseAsync(directory).GetAwaiter().GetResult());

    /// <summary>The folder of the SQLite database file.</summary>
    private string DatabaseDirectory => SameDatabaseAs?.DatabaseDirectory ?? directory;

    /// <summary>A plain connection to this portal's database, outside the app.</summary>
    public System.Data.Common.DbConnection NewConnection() => TestProvider.NewConnection(ConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (TestProvider.IsPostgreSql)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("Database:ConnectionString", ConnectionString);
        }
        else
        {
            builder.UseSetting("Database:SqlitePath", Path.Combine(DatabaseDirectory, "portal.db"));
        }

        if (EnvironmentName != "Development")
        {
            builder.UseSetting("AllowedHosts", "localhost");
        }

        foreach (var (key, value) in TestProvider.AuditSettings(":"))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Audit:CheckpointFile", Path.Combine(directory, "audit-checkpoints.log"));
        builder.UseSetting("Seed:Enabled", Seed ? "true" : "false");
        builder.UseSetting("Seed:Directory", Path.Combine(directory, "seed"));
        builder.UseSetting("Imports:Directory", Path.Combine(directory, "imports"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Logs is not null)
        {
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.EntityFrameworkCore", "Hangfire", "System" })
            {
                builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
            }

            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
                Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, options => options.TimeProvider = Clock));
        }

        if (TestAuthentication)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(options =>
                {
                    options.DefaultScheme = TestAuthHandler.SchemeName;
                    options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    options.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                    options.DefaultForbidScheme = TestAuthHandler.SchemeName;
                });
            });
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using var scope = host.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetConnectionString();
        var own = TestProvider.IsPostgreSql ? new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database! : DatabaseDirectory;
        if (connection is null || !connection.Contains(own, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The test host is not using its own database ({connection}); refusing to run against it.");
        }

        return host;
    }

    /// <summary>A client signed in (by the test scheme) as the person with this pay number, holding these roles.</summary>
    public HttpClient ClientAs(string payNumber, params string[] roles)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, payNumber);
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        }

        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>Outside Development cookies are Secure-only, as behind the real HTTPS proxy.</summary>
    public Uri BaseAddress => new(EnvironmentName == "Development" ? "http://localhost" : "https://localhost");

    public TestData Data => new(Services);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (SameDatabaseAs is null && (connectionString is not null || !TestProvider.IsPostgreSql))
        {
            TestProvider.DropDatabaseAsync(connectionString ?? "").GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The portal as it runs for people trying it: Development, dev sign-in, the seeded 47,000.</summary>
public sealed class SeededPortalFactory : PortalFactory
{
    public SeededPortalFactory()
    {
        Seed = true;
        TestAuthentication = false;
        // The tests sign in from one address far faster than people do; the limit itself has its own tests.
        Settings["RateLimits:SignInsPerMinute"] = "10000";
    }
}
