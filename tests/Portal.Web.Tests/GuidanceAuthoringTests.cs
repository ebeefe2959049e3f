using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Writing guidance: preview as staff will see it, drafts staff cannot see, publishing, and every version kept.</summary>
public sealed class GuidanceAuthoringTests
{
    private static (string, string)[] Article(string title = "If your photo was held", string slug = "if-your-photo-was-held", string body = "## What to do\n\n- Change your profile pictures.", string reviewed = "1/11/2026") =>
    [
        ("Input.Title", title), ("Input.Slug", slug), ("Input.Summary", "What a photo in the wrong hands means, and what to do."),
        ("Input.Body", body), ("Input.Fields", "Photo"), ("Input.ForRoles", "Covert"), ("Input.LastReviewedOn", reviewed),
    ];

    private static async Task<(PortalFactory Factory, HttpClient Admin, HttpClient Staff)> ClientsAsync() =>
        await ClientsAsync(new PortalFactory());

    private static async Task<(PortalFactory Factory, HttpClient Admin, HttpClient Staff)> ClientsAsync(PortalFactory factory, Person? admin = null)
    {
        admin ??= await factory.Data.CreatePersonAsync();
        var staff = await factory.Data.CreatePersonAsync();
        return (factory, factory.ClientAs(admin.PayNumber, RoleNames.Admin), factory.ClientAs(staff.PayNumber));
    }

    [Fact]
    public async Task Preview_RendersTheMarkdownAsThePublicPageWould_WithoutScript_AndSavesNothing()
    {
        var (factory, admin, _) = await ClientsAsync();
        await using var _ = factory;

        var page = await Html.ReadAsync(await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Preview",
            Article(body: "## What to do\n\n<script>alert('x')</script>\n\n[Report it](javascript:alert(1)) or <img src=x onerror=alert(1)>")));

        var preview = page.Section("preview-body");
        Assert.Equal("What to do", preview.QuerySelector("h2")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.DoesNotContain("javascript:", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(preview.QuerySelectorAll("[onerror], img"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().GuidanceArticles.AnyAsync(a => a.Slug == "if-your-photo-was-held", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ADraft_IsHiddenFromStaff_PublishingShowsIt_AndALaterDraftLeavesThePublishedVersionShowing()
    {
        var factory = new PortalFactory();
        await using var _ = factory;
        var author = await factory.Data.CreatePersonAsync(p => p.GivenName = "Orla");
        var (_, admin, staff) = await ClientsAsync(factory, author);

        var draft = await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Save", Article());
        var address = draft.Headers.Location!.OriginalString.Split('?')[0];
        var hidden = await staff.GetAsync("/guidance/if-your-photo-was-held", TestContext.Current.CancellationToken);
        await admin.SubmitAsync(address, address + "?handler=Publish", Article());
        var published = await Html.ReadAsync(await staff.GetAsync("/guidance/if-your-photo-was-held", TestContext.Current.CancellationToken));
        await admin.SubmitAsync(address, address + "?handler=Save", Article(title: "If your photo or name was held"));
        var stillPublished = await Html.ReadAsync(await staff.GetAsync("/guidance/if-your-photo-was-held", TestContext.Current.CancellationToken));
        var editor = await Html.ReadAsync(await admin.GetAsync(address, TestContext.Current.CancellationToken));
        // The editor's buttons send to this article, not to "new".
        Assert.Equal([address + "?handler=Preview", address + "?handler=Save", address + "?handler=Publish"],
            editor.QuerySelectorAll("main form button[formaction]").Select(b => b.Target(address)));
        var first = await Html.ReadAsync(await admin.GetAsync(address + "?version=1", TestContext.Current.CancellationToken));
        var list = await Html.ReadAsync(await admin.GetAsync("/admin/guidance", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("If your photo was held", published.QuerySelector("h1")!.TextContent);
        Assert.Equal("What to do", published.Section("article-body").QuerySelector("h2")!.TextContent);
        Assert.Contains("Last reviewed 1 November 2026", published.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("If your photo was held", stillPublished.QuerySelector("h1")!.TextContent);
        Assert.Equal("If your photo or name was held", editor.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(["Version 3", "Version 2", "Version 1"], editor.Section("versions").Texts("tbody tr td:first-child"));
        Assert.Equal(["Draft", "Published", "Draft"], editor.Section("versions").Texts("tbody tr td:last-child"));
        Assert.All(editor.Section("versions").Texts("tbody tr td:nth-child(3)"), by => Assert.Equal($"Orla {author.FamilyName}", by));
        Assert.Equal("If your photo was held", first.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.NotNull(first.QuerySelector("#Input_Fields_photo[checked]"));
        Assert.NotNull(first.QuerySelector("#Input_ForRoles_Covert[checked]"));
        Assert.Contains("Changes not published", list.Section("articles").TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(["guidance.draft_saved", "guidance.published", "guidance.draft_saved"],
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action.StartsWith("guidance.")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SavingAnEmptyOrWrongArticle_SaysWhatIsWrong_AndSavesNothing()
    {
        var (factory, admin, _) = await ClientsAsync();
        await using var _ = factory;
        string existing;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            existing = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().GuidanceArticles.Select(a => a.Slug).FirstAsync(TestContext.Current.CancellationToken);
        }

        var empty = await Html.ReadAsync(await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Save", ("Input.LastReviewedOn", "")));
        var taken = await Html.ReadAsync(await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Publish", Article(slug: existing)));
        var wrong = await Html.ReadAsync(await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Save", Article(slug: "Photo Held!", reviewed: "1/1/2999")));

        Assert.Equal(
        [
            "Enter a title that says what the article helps with, such as \"If your photo was held\".",
            "Enter the article's address: lower-case words joined by hyphens, such as if-your-photo-was-held.",
            "Enter a one- or two-sentence summary, shown in lists and search results.",
            "Enter the article, in Markdown.",
            "Enter the date the article was last reviewed, such as 24/11/2026.",
        ], empty.Texts(".govuk-error-summary__list li"));
        Assert.Equal([$"Another article already uses the address /guidance/{existing}. Choose a different one."], taken.Texts(".govuk-error-summary__list li"));
        Assert.Equal(
        [
            "The address may only use lower-case letters, numbers and single hyphens, at most 100 characters, such as if-your-photo-was-held.",
            "The date it was last reviewed must be today or in the past.",
        ], wrong.Texts(".govuk-error-summary__list li"));
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Empty(await check.ServiceProvider.GetRequiredService<PortalDbContext>().GuidanceVersions.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnArticleNestedThousandsDeep_IsRefusedOnPreviewAndSave_AndOneAlreadyStoredStillShows()
    {
        var (factory, admin, staff) = await ClientsAsync();
        await using var _ = factory;
        var deep = string.Concat(Enumerable.Repeat("> ", 5_000)) + "Lock your car";
        const string Nested = "The article's quotes and lists are nested too deeply: at most 16 levels (each list, its item and each quote count one). Take out some of the '>' or indented list markers.";

        var preview = await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Preview", Article(body: deep));
        var save = await admin.SubmitAsync("/admin/guidance/new", "/admin/guidance/new?handler=Publish", Article(body: deep));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.GuidanceArticles.OrderBy(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
            stored.BodyMarkdown = deep;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var slug = await SlugOfFirstArticleAsync(factory);
        var shown = await staff.GetAsync($"/guidance/{slug}", TestContext.Current.CancellationToken);
        var searched = await staff.GetAsync("/guidance?q=car", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal([Nested], (await Html.ReadAsync(preview)).Texts(".govuk-error-summary__list li"));
        Assert.Equal([Nested], (await Html.ReadAsync(save)).Texts(".govuk-error-summary__list li"));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Lock your car", (await Html.ReadAsync(shown)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.Contains(slug, (await Html.ReadAsync(searched)).QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
    }

    private static async Task<string> SlugOfFirstArticleAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().GuidanceArticles.OrderBy(a => a.Id).Select(a => a.Slug).FirstAsync(TestContext.Current.CancellationToken);
    }
}
