using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Data;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The real portal over a real SQLite file of its own. By default requests are signed in by the test
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

    /// <summary>When set, the sign-in cookie's clock, so a test can let time pass.</summary>
    public TestClock? Clock { get; init; }

    public string DatabasePath => Path.Combine(directory, "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:SqlitePath", DatabasePath);
        builder.UseSetting("Seed:Enabled", Seed ? "true" : "false");
        builder.UseSetting("Seed:Directory", Path.Combine(directory, "seed"));
        builder.UseSetting("Imports:Directory", Path.Combine(directory, "imports"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
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
        if (connection is null || !connection.Contains(directory, StringComparison.Ordinal))
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
    }
}
