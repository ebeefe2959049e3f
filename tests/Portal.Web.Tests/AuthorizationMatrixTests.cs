using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// Every page, every handler and every other endpoint in the app's own route table, against every persona. Each has a
/// decision written down here; a page or handler added without one fails <see cref="RouteTable_EveryEndpointHasADecision"/>.
/// </summary>
public sealed partial class AuthorizationMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Who may reach an endpoint. Within what they may reach, pages still check whose data it is.</summary>
    public enum Access
    {
        /// <summary>No sign-in needed: error pages, signed out, the health checks and (in Development only) the dev sign-in.</summary>
        Anyone,

        /// <summary>Anyone signed in: their own record, notices, guidance and support requests.</summary>
        SignedIn,

        /// <summary>Welfare officers and welfare leads.</summary>
        Welfare,

        /// <summary>Welfare leads only.</summary>
        WelfareLead,

        /// <summary>Administrators.</summary>
        Admin,

        /// <summary>The oversight role (read-only figures and board packs), and administrators.</summary>
        Oversight,

        /// <summary>Claims assessors only.</summary>
        Claims,
    }

    /// <summary>The decisions: "METHOD /route" and, for a named handler, "?handler=Name". ANY is an endpoint for every method.</summary>
    private static readonly Dictionary<string, Access> Decisions = new()
    {
        ["ANY /health"] = Access.Anyone,
        ["ANY /health/live"] = Access.Anyone,
        ["ANY /health/details"] = Access.Anyone,
        ["GET /errors/{code:int}"] = Access.Anyone,
        ["POST /errors/{code:int}"] = Access.Anyone,
        ["GET /signed-out"] = Access.Anyone,
        ["GET /sign-in-problem"] = Access.Anyone,
        ["GET /accessibility"] = Access.Anyone,
        ["GET /dev/sign-in"] = Access.Anyone,
        ["GET /texts/report"] = Access.Anyone,
        ["GET /verify/{code}"] = Access.Anyone,
        ["POST /verify/{code}"] = Access.Anyone,
        ["POST /dev/sign-in?handler=Persona"] = Access.Anyone,
        ["POST /dev/sign-in?handler=PayNumber"] = Access.Anyone,

        ["GET /"] = Access.SignedIn,
        ["POST /?handler=Seen"] = Access.SignedIn,
        ["GET /no-record"] = Access.SignedIn,
        ["GET /me/data"] = Access.SignedIn,
        ["GET /me/data?handler=Download"] = Access.SignedIn,
        ["GET /sign-out"] = Access.SignedIn,
        ["POST /sign-out"] = Access.SignedIn,
        ["GET /notices"] = Access.SignedIn,
        ["GET /notices/{id:int}"] = Access.SignedIn,
        ["POST /notices/{id:int}"] = Access.SignedIn,
        ["GET /notices/{id:int}/suspicious"] = Access.SignedIn,
        ["GET /me/contact"] = Access.SignedIn,
        ["GET /me/statement"] = Access.SignedIn,
        ["POST /me/statement"] = Access.SignedIn,
        ["POST /me/contact?handler=SendCode"] = Access.SignedIn,
        ["POST /me/contact?handler=Remove"] = Access.SignedIn,
        ["GET /me/contact/confirm"] = Access.SignedIn,
        ["POST /me/contact/confirm"] = Access.SignedIn,
        ["POST /notices/{id:int}/suspicious"] = Access.SignedIn,
        ["GET /guidance"] = Access.SignedIn,
        ["GET /guidance/{slug}"] = Access.SignedIn,
        ["GET /support"] = Access.SignedIn,
        ["GET /support/new"] = Access.SignedIn,
        ["POST /support/new"] = Access.SignedIn,
        ["GET /support/new/check"] = Access.SignedIn,
        ["POST /support/new/check"] = Access.SignedIn,
        ["GET /support/{reference}"] = Access.SignedIn,
        ["POST /support/{reference}?handler=Reply"] = Access.SignedIn,
        ["POST /support/{reference}?handler=Withdraw"] = Access.SignedIn,
        ["GET /support/{reference}/confirmation"] = Access.SignedIn,

        ["GET /claims"] = Access.Claims,
        ["GET /claims/{reference}"] = Access.Claims,
        ["GET /claims/{reference}?handler=Receipt"] = Access.Claims,
        ["POST /claims/{reference}?handler=Approve"] = Access.Claims,
        ["POST /claims/{reference}?handler=Refuse"] = Access.Claims,
        ["POST /claims/{reference}?handler=Release"] = Access.Claims,
        ["POST /claims/{reference}?handler=Take"] = Access.Claims,
        ["POST /claims/{reference}?handler=Write"] = Access.Claims,
        ["GET /me/claims"] = Access.SignedIn,
        ["GET /me/claims/{reference}"] = Access.SignedIn,
        ["GET /me/claims/{reference}?handler=Receipt"] = Access.SignedIn,
        ["POST /me/claims/{reference}?handler=Reply"] = Access.SignedIn,
        ["GET /me/claims/new/{schemeId:int}"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}?handler=Check"] = Access.SignedIn,
        ["GET /me/claims/new/{schemeId:int}/items"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}/items"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}/items?handler=Add"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}/items?handler=Change"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}/items?handler=Check"] = Access.SignedIn,
        ["POST /me/claims/new/{schemeId:int}/items?handler=Remove"] = Access.SignedIn,

        ["GET /welfare"] = Access.Welfare,
        ["POST /welfare?handler=Bulk"] = Access.Welfare,
        ["GET /welfare/requests/{reference}"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Status"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Take"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Give"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Priority"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Note"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Message"] = Access.Welfare,
        ["POST /welfare/requests/{reference}?handler=Assess"] = Access.Welfare,

        ["GET /oversight"] = Access.Oversight,
        ["GET /oversight?handler=Download"] = Access.Oversight,
        ["GET /oversight/packs"] = Access.Oversight,
        ["GET /oversight/packs?handler=Pdf"] = Access.Oversight,
        ["GET /oversight/packs?handler=Csv"] = Access.Oversight,

        ["GET /welfare/workload"] = Access.Welfare,
        ["GET /welfare/alerts"] = Access.Welfare,
        ["GET /welfare/replies"] = Access.WelfareLead,
        ["GET /welfare/replies/new"] = Access.WelfareLead,
        ["POST /welfare/replies/new"] = Access.WelfareLead,
        ["POST /welfare/replies/new?handler=Delete"] = Access.WelfareLead,
        ["GET /welfare/replies/{id:int}"] = Access.WelfareLead,
        ["POST /welfare/replies/{id:int}"] = Access.WelfareLead,
        ["POST /welfare/replies/{id:int}?handler=Delete"] = Access.WelfareLead,

        ["GET /admin"] = Access.Admin,
        ["ANY /admin/jobs/{**path}"] = Access.Admin,
        ["GET /admin/jobs/stats"] = Access.Admin,
        ["HEAD /admin/jobs/stats"] = Access.Admin,
        ["GET /admin/audit"] = Access.Admin,
        ["GET /admin/schemes"] = Access.Admin,
        ["GET /admin/schemes/new"] = Access.Admin,
        ["POST /admin/schemes/new"] = Access.Admin,
        ["GET /admin/schemes/{id:int}"] = Access.Admin,
        ["POST /admin/schemes/{id:int}"] = Access.Admin,
        ["GET /admin/payments"] = Access.Admin,
        ["GET /admin/payments?handler=File"] = Access.Admin,
        ["POST /admin/payments?handler=Export"] = Access.Admin,
        ["POST /admin/payments?handler=Paid"] = Access.Admin,
        ["POST /admin/audit?handler=Verify"] = Access.Admin,
        ["GET /admin/audit?handler=Export"] = Access.Admin,
        ["GET /admin/imports"] = Access.Admin,
        ["POST /admin/imports"] = Access.Admin,
        ["GET /admin/imports/{id:int}"] = Access.Admin,
        ["GET /admin/imports/{id:int}?handler=Progress"] = Access.Admin,
        ["GET /admin/imports/{id:int}?handler=Report"] = Access.Admin,
        ["POST /admin/imports/{id:int}?handler=Apply"] = Access.Admin,
        ["POST /admin/imports/{id:int}?handler=Discard"] = Access.Admin,
        ["GET /admin/incidents"] = Access.Admin,
        ["GET /admin/incidents/new"] = Access.Admin,
        ["POST /admin/incidents/new"] = Access.Admin,
        ["POST /admin/incidents/new?handler=Update"] = Access.Admin,
        ["GET /admin/incidents/{id:int}"] = Access.Admin,
        ["POST /admin/incidents/{id:int}"] = Access.Admin,
        ["POST /admin/incidents/{id:int}?handler=Update"] = Access.Admin,
        ["POST /admin/incidents/{id:int}?handler=Fields"] = Access.Admin,
        ["POST /admin/incidents/new?handler=Fields"] = Access.Admin,
        ["GET /admin/guidance"] = Access.Admin,
        ["GET /admin/guidance/new"] = Access.Admin,
        ["POST /admin/guidance/new?handler=Preview"] = Access.Admin,
        ["POST /admin/guidance/new?handler=Save"] = Access.Admin,
        ["POST /admin/guidance/new?handler=Publish"] = Access.Admin,
        ["GET /admin/guidance/{id:int}"] = Access.Admin,
        ["POST /admin/guidance/{id:int}?handler=Preview"] = Access.Admin,
        ["POST /admin/guidance/{id:int}?handler=Save"] = Access.Admin,
        ["POST /admin/guidance/{id:int}?handler=Publish"] = Access.Admin,
        ["GET /admin/campaigns"] = Access.Admin,
        ["GET /admin/campaigns/new"] = Access.Admin,
        ["POST /admin/campaigns/new"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/edit"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}/edit"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}?handler=Progress"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/preview"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}/preview?handler=Test"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/send"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}/send?handler=Send"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}/send?handler=Approve"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}/send?handler=Return"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/failures"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/failures?handler=Download"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}?handler=Pause"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}?handler=Resume"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}?handler=Cancel"] = Access.Admin,
        ["POST /admin/campaigns/{id:int}?handler=FollowUp"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/unconfirmed"] = Access.Admin,
        ["GET /admin/campaigns/{id:int}/letters/{batch:int}"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/unconfirmed"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/report"] = Access.Admin,
        ["POST /admin/incidents/{id:int}/report"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/report?handler=Word"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/evidence"] = Access.Admin,
        ["POST /admin/incidents/{id:int}/evidence"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/evidence?handler=Csv"] = Access.Admin,
        ["GET /admin/incidents/{id:int}/evidence?handler=Pdf"] = Access.Admin,
        ["GET /admin/{kind:regex(^(campaigns|incidents)$)}/{id:int}/unconfirmed/briefing"] = Access.Admin,
        ["GET /admin/{kind:regex(^(campaigns|incidents)$)}/{id:int}/unconfirmed/briefing?handler=Download"] = Access.Admin,
    };

    /// <summary>The decisions for the endpoints this environment routes: the development sign-in exists only in Development.</summary>
    private Dictionary<string, Access> Routed =>
        Decisions.Where(d => factory.EnvironmentName == "Development" || !d.Key.Contains(" /dev/", StringComparison.Ordinal)).ToDictionary();

    private static readonly string[] Personas = ["anonymous", "staff", RoleNames.Welfare, RoleNames.WelfareLead, RoleNames.Admin, RoleNames.Oversight, RoleNames.Claims];

    [Fact]
    public async Task RouteTable_EveryEndpointHasADecision()
    {
        var endpoints = await EndpointsAsync();

        var undecided = endpoints.Except(Decisions.Keys).Order().ToList();
        var gone = Routed.Keys.Except(endpoints).Order().ToList();

        Assert.True(undecided.Count == 0, "No access decision for: " + string.Join(", ", undecided) + ". Add each to Decisions.");
        Assert.True(gone.Count == 0, "Decisions for endpoints that no longer exist: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task EveryEndpoint_AsEveryPersona_LetsInOnlyThoseItShould()
    {
        var failures = new List<string>();
        foreach (var persona in Personas)
        {
            var client = await ClientAsync(persona);
            // Anonymous requests are refused before a token is looked at; outside Development there is no sign-in form to take one from.
            var token = persona != "anonymous" ? await AntiforgeryTokenAsync(client, "/")
                : factory.EnvironmentName == "Development" ? await AntiforgeryTokenAsync(client, "/dev/sign-in") : "";
            // Signing out last: where clients sign in for real, it ends their session.
            foreach (var (endpoint, access) in Routed.OrderBy(d => d.Key == "POST /sign-out").ThenBy(d => d.Key, StringComparer.Ordinal))
            {
                var response = await SendAsync(client, endpoint, token);
                var status = response.StatusCode;
                var allowed = Allows(access, persona);
                var expected = allowed ? "let in" : persona == "anonymous" ? "asked to sign in" : "403";
                var ok = allowed
                    ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest) && (int)status < 500
                    : persona == "anonymous" ? factory.AsksToSignIn(response) : status == HttpStatusCode.Forbidden;
                if (ok && status == HttpStatusCode.Forbidden && !endpoint.Contains("/admin/jobs", StringComparison.Ordinal)
                    && !(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("You do not have access to this page", StringComparison.Ordinal))
                {
                    ok = false;
                    expected = "403 with the portal's own page";
                }

                if (!ok)
                {
                    failures.Add($"{endpoint} as {persona}: expected {expected}, got {(int)status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The pages where an unknown handler used to fail with a 500: each POST handler has a name.</summary>
    private static readonly string[] OnlyNamedPostHandlers = ["/support/{reference}", "/welfare/requests/{reference}", "/admin/campaigns/{id:int}", "/admin/campaigns/{id:int}/preview", "/admin/campaigns/{id:int}/send", "/admin/imports/{id:int}"];

    [Fact]
    public async Task EveryPage_AskedForAHandlerItDoesNotHave_NeverFails_AndOnesShowingARecordAreNotFound()
    {
        var person = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(person.PayNumber, RoleNames.Admin, RoleNames.WelfareLead);
        var token = await AntiforgeryTokenAsync(client, "/");
        var pages = (await EndpointsAsync()).Where(e => !e.StartsWith("ANY ", StringComparison.Ordinal) && !e.Contains("/admin/jobs", StringComparison.Ordinal))
            .Select(e => e.Split(' ')[1].Split('?')[0]).Distinct()
            // Signing out last: its default handler runs, and where clients sign in for real it ends the session.
            .OrderBy(page => page == "/sign-out").ThenBy(page => page, StringComparer.Ordinal).ToList();

        var answers = new List<string>();
        foreach (var page in pages)
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                // A page with a handler of no name for the method runs it (Razor Pages falls back to it); a page whose
                // handlers for the method all have names answers as an address that does not exist.
                var response = await SendAsync(client, $"{method} {page}?handler=Nope", token);
                var onlyNamed = method == "POST" && OnlyNamedPostHandlers.Contains(page);
                if ((int)response.StatusCode >= 500 || (onlyNamed && response.StatusCode != HttpStatusCode.NotFound))
                {
                    answers.Add($"{method} {page}?handler=Nope answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(answers.Count == 0, string.Join(Environment.NewLine, answers));
        Assert.NotEmpty(pages);
    }

    [Fact]
    public void AppRoleManifest_DeclaresExactlyTheRolesTheCodeUses()
    {
        var root = Portal.Web.Infrastructure.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src/Portal.Web/Infrastructure/Security/app-roles.json")));

        var values = manifest.RootElement.GetProperty("appRoles").EnumerateArray().Select(r => r.GetProperty("value").GetString()!).ToList();

        Assert.Equal(RoleNames.All, values);
    }

    private static bool Allows(Access access, string persona) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => persona != "anonymous",
        Access.Welfare => persona is RoleNames.Welfare or RoleNames.WelfareLead,
        Access.WelfareLead => persona == RoleNames.WelfareLead,
        Access.Admin => persona == RoleNames.Admin,
        Access.Oversight => persona is RoleNames.Oversight or RoleNames.Admin,
        Access.Claims => persona == RoleNames.Claims,
        _ => false,
    };

    /// <summary>Every endpoint the app routes to, named as in <see cref="Decisions"/>: each page's handlers one by one.</summary>
    private async Task<HashSet<string>> EndpointsAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                {
                    // A page with no page model answers GET with itself.
                    names.Add($"GET {route}");
                }

                foreach (var handler in compiled.HandlerMethods)
                {
                    names.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                names.UnionWith(methods.Count == 0 ? [$"ANY {route}"] : methods.Select(m => $"{m} {route}"));
            }
        }

        return names;
    }

    private async Task<HttpClient> ClientAsync(string persona)
    {
        if (persona == "anonymous")
        {
            return factory.AnonymousClient();
        }

        var person = await factory.Data.CreatePersonAsync();
        return persona == "staff" ? factory.ClientAs(person.PayNumber) : factory.ClientAs(person.PayNumber, persona);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await Html.ReadAsync(await client.GetAsync(page, TestContext.Current.CancellationToken));
        return html.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} has no form to take an antiforgery token from.");
    }

    /// <summary>
    /// The request for an endpoint, with route values that name nothing (so nothing is changed): a page that lets the
    /// persona in answers with its form, a redirect or "not found"; one that does not answers 401 or 403.
    /// </summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string token)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = endpoint[..space];
        var url = RouteValue().Replace(endpoint[(space + 1)..], match => match.Groups["name"].Value switch
        {
            "code" => "404",
            "reference" => "SR-987654",
            "slug" => "no-such-article",
            "kind" => "campaigns",
            "path" => "",
            _ => "987654",
        });
        if (method == "POST")
        {
            return client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        }

        return client.GetAsync(url, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
