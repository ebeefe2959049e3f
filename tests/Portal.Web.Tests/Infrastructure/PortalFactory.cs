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
/// PostgreSQL (<see cref="TestProvider"/>). By default clients are signed in by the test authentication scheme (see
/// <see cref="TestAuthHandler"/>) — or, in the Production pass (<see cref="DefaultEnvironment"/>), for real, through
/// Entra ID's scheme and the tests' OpenID Connect provider; with <see cref="TestAuthentication"/> off the app's own
/// sign-in (the development cookie, or Entra ID's challenge) is what runs.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Directory.CreateTempSubdirectory("portal-web-").FullName;

    // Each portal watches its web root (for asp-append-version) and its settings files, and each watcher is an inotify
    // instance; with the suite's many portals alive in one process, Linux's default limit of 128 a user ran out and a
    // page failed with an IOException. The portals in tests poll for changes instead, which needs no instances.
    static PortalFactory() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    /// <summary>
    /// The environment tests run their portals in unless they say otherwise: <c>PORTAL_TEST_ENVIRONMENT</c>, Development when
    /// unset. ./test.sh runs its PostgreSQL pass in Production, so that every page test also meets Production's settings
    /// (HSTS, the exception handler, Entra ID's scheme registered with its sign-in callback limited, no development sign-in).
    /// Tests of the development sign-in or the seeded workforce keep Development, which alone has them.
    /// </summary>
    public static string DefaultEnvironment => Environment.GetEnvironmentVariable("PORTAL_TEST_ENVIRONMENT") is { Length: > 0 } name ? name : "Development";

    private string? environmentName;

    public string EnvironmentName
    {
        get => environmentName ?? (TestAuthentication && !Seed ? DefaultEnvironment : "Development");
        init => environmentName = value;
    }

    public bool TestAuthentication { get; init; } = true;
    public bool Seed { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>When set, receives every log line at every level, as well as the usual providers.</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>When set, the sign-in cookie's clock, so a test can let time pass.</summary>
    public TestClock? Clock { get; init; }

    /// <summary>A clock for the whole portal (every TimeProvider it asks for), where a test needs the time of day to be one it chose.</summary>
    public TestClock? AppClock { get; init; }

    private string? connectionString;

    /// <summary>
    /// True in the Production pass for a test that leaves its environment and sign-in to the factory: its clients sign in
    /// as the force's people do, through Microsoft.Identity.Web's real scheme and an OpenID Connect provider
    /// (<see cref="Oidc.TestIdentityProvider"/>), instead of the test scheme.
    /// </summary>
    public bool SignsInThroughProvider => environmentName is null && TestAuthentication && EnvironmentName != "Development";

    /// <summary>One provider for the whole test process, started when the first portal needs it.</summary>
    private static readonly Lazy<Oidc.TestIdentityProvider> SharedProvider = new(() => Oidc.TestIdentityProvider.StartAsync().GetAwaiter().GetResult());

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

        if (SignsInThroughProvider)
        {
            // The Production pass: Entra ID's scheme, pointed at the tests' OpenID Connect provider, and every client
            // signed in through it. Sign-ins all come from one address here, so its limit is lifted (tests may set it).
            foreach (var (key, value) in SharedProvider.Value.PortalSettings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("RateLimits:SignInsPerMinute", "10000");
        }

        foreach (var (key, value) in TestProvider.AuditSettings(":"))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Audit:CheckpointFile", Path.Combine(directory, "audit-checkpoints.log"));
        builder.UseSetting("Seed:Enabled", Seed ? "true" : "false");
        builder.UseSetting("Seed:Directory", Path.Combine(directory, "seed"));
        builder.UseSetting("Imports:Directory", Path.Combine(directory, "imports"));
        builder.UseSetting("Claims:ReceiptDirectory", Path.Combine(directory, "receipts"));
        // The oversight figures and board packs only where a test asks for them (it counts them when it needs them).
        builder.UseSetting("Oversight:BoardPacks", "false");
        builder.UseSetting("Oversight:FiguresCron", "0 0 31 2 *");
        builder.UseSetting("Support:AlertsCron", "0 0 31 2 *");
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

        if (AppClock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(AppClock));
        }

        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
                Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, options => options.TimeProvider = Clock));
        }

        if (TestAuthentication && !SignsInThroughProvider)
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

    /// <summary>A client signed in as the person with this pay number, holding these roles.</summary>
    public HttpClient ClientAs(string payNumber, params string[] roles) => SignedInClient(payNumber, email: null, roles);

    /// <summary>A client signed in with this pay number and this work e-mail, holding these roles.</summary>
    public HttpClient ClientWithEmail(string payNumber, string email, params string[] roles) => SignedInClient(payNumber, email, roles);

    /// <summary>
    /// A client signed in with this pay number (the <c>employeeid</c> claim) and work e-mail (<c>preferred_username</c>),
    /// holding these roles: by the test scheme, or in the Production pass through the OpenID Connect provider.
    /// </summary>
    private HttpClient SignedInClient(string payNumber, string? email, string[] roles)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });
        if (SignsInThroughProvider)
        {
            var user = new Oidc.TestUser($"{payNumber}|{email}|{string.Join(',', roles)}", payNumber, email, roles);
            SharedProvider.Value.Add(user);
            Task.Run(() => SharedProvider.Value.SignInAsync(client, user)).GetAwaiter().GetResult();
            return client;
        }

        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, payNumber);
        if (email is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.EmailHeader, email);
        }

        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        }

        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>Whether the portal answered by asking the (anonymous) client to sign in: 401 from the test scheme, or a redirect to the provider.</summary>
    public bool AsksToSignIn(HttpResponseMessage response) => SignsInThroughProvider
        ? response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.ToString().StartsWith(SharedProvider.Value.Address.ToString(), StringComparison.Ordinal) == true
        : response.StatusCode == System.Net.HttpStatusCode.Unauthorized;

    /// <summary>Outside Development cookies are Secure-only, as behind the real HTTPS proxy.</summary>
    public Uri BaseAddress => new(EnvironmentName == "Development" ? "http://localhost" : "https://localhost");

    public TestData Data => new(Services);

    /// <summary>Where a portal started on Kestrel (<c>UseKestrel</c>, then <c>StartServer</c>) listens, as <c>localhost</c> so cookies and certificates match.</summary>
    public string ListeningAddress =>
        Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!
            .Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

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
