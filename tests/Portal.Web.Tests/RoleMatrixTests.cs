using System.Net;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Every role against every area: each gets what it should and nothing more; anonymous gets challenged.</summary>
public sealed class RoleMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, HttpStatusCode> Matrix => new()
    {
        { "anonymous", "/", HttpStatusCode.Unauthorized },
        { "anonymous", "/welfare", HttpStatusCode.Unauthorized },
        { "anonymous", "/admin", HttpStatusCode.Unauthorized },
        { "staff", "/", HttpStatusCode.OK },
        { "staff", "/welfare", HttpStatusCode.Forbidden },
        { "staff", "/admin", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/", HttpStatusCode.OK },
        { RoleNames.Welfare, "/welfare", HttpStatusCode.OK },
        { RoleNames.Welfare, "/admin", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/", HttpStatusCode.OK },
        { RoleNames.WelfareLead, "/welfare", HttpStatusCode.OK },
        { RoleNames.WelfareLead, "/admin", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/", HttpStatusCode.OK },
        { RoleNames.Admin, "/welfare", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin", HttpStatusCode.OK },
        { "anonymous", "/admin/campaigns", HttpStatusCode.Unauthorized },
        { "anonymous", "/admin/jobs", HttpStatusCode.Unauthorized },
        { "anonymous", "/notices", HttpStatusCode.Unauthorized },
        { "staff", "/admin/campaigns", HttpStatusCode.Forbidden },
        { "staff", "/admin/campaigns/new", HttpStatusCode.Forbidden },
        { "staff", "/admin/jobs", HttpStatusCode.Forbidden },
        { "staff", "/notices", HttpStatusCode.OK },
        { RoleNames.Welfare, "/admin/campaigns", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/admin/jobs", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/admin/jobs", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin/campaigns", HttpStatusCode.OK },
        { RoleNames.Admin, "/admin/campaigns/new", HttpStatusCode.OK },
        { RoleNames.Admin, "/admin/jobs", HttpStatusCode.OK },
        { "anonymous", "/admin/audit", HttpStatusCode.Unauthorized },
        { "staff", "/admin/audit", HttpStatusCode.Forbidden },
        { "staff", "/admin/audit?handler=Export", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/admin/audit", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/admin/audit?handler=Export", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin/audit", HttpStatusCode.OK },
        { "anonymous", "/admin/incidents", HttpStatusCode.Unauthorized },
        { "staff", "/admin/incidents", HttpStatusCode.Forbidden },
        { "staff", "/admin/incidents/new", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/admin/incidents", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/admin/incidents/new", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin/incidents", HttpStatusCode.OK },
        { RoleNames.Admin, "/admin/incidents/new", HttpStatusCode.OK },
        { "anonymous", "/admin/imports", HttpStatusCode.Unauthorized },
        { "staff", "/admin/imports", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/admin/imports", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/admin/imports", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin/imports", HttpStatusCode.OK },
        { "anonymous", "/admin/guidance", HttpStatusCode.Unauthorized },
        { "staff", "/admin/guidance", HttpStatusCode.Forbidden },
        { "staff", "/admin/guidance/new", HttpStatusCode.Forbidden },
        { RoleNames.Welfare, "/admin/guidance", HttpStatusCode.Forbidden },
        { RoleNames.WelfareLead, "/admin/guidance/new", HttpStatusCode.Forbidden },
        { RoleNames.Admin, "/admin/guidance", HttpStatusCode.OK },
        { RoleNames.Admin, "/admin/guidance/new", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_AsRole_GetsTheExpectedStatus(string role, string path, HttpStatusCode expected)
    {
        HttpClient client;
        if (role == "anonymous")
        {
            client = factory.AnonymousClient();
        }
        else
        {
            var person = await factory.Data.CreatePersonAsync();
            client = role == "staff" ? factory.ClientAs(person.PayNumber) : factory.ClientAs(person.PayNumber, role);
        }

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden && !path.StartsWith("/admin/jobs", StringComparison.Ordinal))
        {
            Assert.Contains("You do not have access to this page", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public void AppRoleManifest_DeclaresExactlyTheRolesTheCodeUses()
    {
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src/Portal.Web/Infrastructure/Security/app-roles.json")));

        var values = manifest.RootElement.GetProperty("appRoles").EnumerateArray().Select(r => r.GetProperty("value").GetString()!).ToList();

        Assert.Equal(RoleNames.All, values);
    }
}
