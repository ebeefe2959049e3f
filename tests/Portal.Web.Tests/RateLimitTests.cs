using System.Net;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>
/// Sending support requests, posting messages, downloading exports and signing in are limited per person (or, before
/// sign-in, per address): past the limit the answer is 429 with Retry-After and a page saying when to try again,
/// reading the pages around them does not count, and one person's use leaves another's allowance alone.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new()
    {
        Settings =
        {
            ["RateLimits:SupportRequestsPerHour"] = "2",
            ["RateLimits:MessagesPerHour"] = "3",
            ["RateLimits:ExportsPerHour"] = "2",
        },
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task SupportRequests_PastTheLimit_Are429WithRetryAfterAndAPageSayingWhen_WhileOthersCanStillAsk()
    {
        var client = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber);
        var other = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber);

        var first = await client.SendSupportRequestAsync();
        var second = await client.SendSupportRequestAsync();
        var reading = await client.GetAsync("/support/new/check", TestContext.Current.CancellationToken);
        var third = await client.SendSupportRequestAsync();
        var someoneElse = await other.SendSupportRequestAsync();

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect], new[] { first.StatusCode, second.StatusCode });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, reading.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3_000, 3_600);
        var page = await Html.ReadAsync(third);
        Assert.Equal("You have done this too many times", page.QuerySelector("h1")!.TextContent);
        Assert.Contains($"Try again in {(retryAfter + 59) / 60} minutes", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, someoneElse.StatusCode);
    }

    [Fact]
    public async Task Messages_RepliesNotesAndMessagesEachCountForTheirAuthor()
    {
        var requester = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber);
        var reference = (await requester.FollowAsync(await requester.SendSupportRequestAsync())).QuerySelector("[data-testid='reference']")!.TextContent;
        var officer = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Welfare);
        var page = $"/welfare/requests/{reference}";

        var replies = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await requester.SubmitAsync($"/support/{reference}", $"/support/{reference}?handler=Reply", ("Reply", $"Reply {i}"));
            replies.Add(last.StatusCode);
        }

        // The refused reply is given back to copy, not lost.
        Assert.Equal("Reply 3", (await Html.ReadAsync(last)).Section("unsent").TextContent);

        var officers = new List<HttpStatusCode>
        {
            (await officer.SubmitAsync(page, page + "?handler=Note", ("Note", "Called them back"))).StatusCode,
            (await officer.SubmitAsync(page, page + "?handler=Message", ("Message", "We will call you today"))).StatusCode,
            (await officer.SubmitAsync(page, page + "?handler=Note", ("Note", "Second note"))).StatusCode,
            (await officer.SubmitAsync(page, page + "?handler=Message", ("Message", "One more"))).StatusCode,
        };
        var stillReads = await officer.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], replies);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], officers);
        Assert.Equal(HttpStatusCode.OK, stillReads.StatusCode);
    }

    [Fact]
    public async Task Exports_PastTheLimit_Are429_ButThePageItselfStillOpens()
    {
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);

        var confirmed = await admin.ConfirmedAsync("/admin/audit");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await admin.GetAsync($"/admin/audit?handler=Export&{confirmed}", TestContext.Current.CancellationToken)).StatusCode);
        }

        var page = await admin.GetAsync("/admin/audit", TestContext.Current.CancellationToken);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("/admin/campaigns/987654/failures?handler=Download")]
    [InlineData("/admin/imports/987654?handler=Report")]
    [InlineData("/me/data?handler=Download")]
    public async Task EveryOtherExport_IsLimitedToo(string url)
    {
        var client = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    /// <summary>Ways of naming a handler that Razor Pages may still run as that handler.</summary>
    private static readonly string[] Spellings = ["{0}&handler=x", "x&handler={0}", "{0},x", "{0}&handler={0}", "{1}"];

    private static IEnumerable<string> Respelt(string page, string handler) =>
        Spellings.Select(spelling => $"{page}?handler=" + string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, handler, handler.ToUpperInvariant()));

    [Fact]
    public async Task Messages_PastTheLimit_CannotBeSentByRepeatingOrRespellingTheHandler()
    {
        var requester = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber);
        var reference = await requester.AskForSupportAsync();
        var officer = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Welfare);
        var mine = $"/support/{reference}";
        var welfare = $"/welfare/requests/{reference}";
        for (var i = 0; i < 3; i++)
        {
            await requester.SubmitAsync(mine, mine + "?handler=Reply", ("Reply", $"Reply {i}"));
            await officer.SubmitAsync(welfare, welfare + "?handler=Note", ("Note", $"Note {i}"));
        }

        var tricks = new List<(string Url, HttpStatusCode Status)>();
        foreach (var url in Respelt(mine, "Reply"))
        {
            tricks.Add((url, (await requester.SubmitAsync(mine, url, ("Reply", "Past the limit"))).StatusCode));
        }

        foreach (var (handler, field) in new[] { ("Note", "Note"), ("Message", "Message") })
        {
            foreach (var url in Respelt(welfare, handler))
            {
                tricks.Add((url, (await officer.SubmitAsync(welfare, url, (field, "Past the limit"))).StatusCode));
            }
        }

        Assert.All(tricks, trick => Assert.NotEqual(HttpStatusCode.Redirect, trick.Status));
        var thread = await Html.ReadAsync(await officer.GetAsync(welfare, TestContext.Current.CancellationToken));
        Assert.DoesNotContain("Past the limit", thread.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/audit", "Export")]
    [InlineData("/me/data", "Download")]
    public async Task Exports_PastTheLimit_CannotBeDownloadedByRepeatingOrRespellingTheHandler(string page, string handler)
    {
        var client = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);
        var confirmed = page == "/admin/audit" ? "&" + await client.ConfirmedAsync(page) : "";
        for (var i = 0; i < 2; i++)
        {
            var download = await client.GetAsync($"{page}?handler={handler}{confirmed}", TestContext.Current.CancellationToken);
            Assert.NotNull(download.Content.Headers.ContentDisposition);
        }

        var tricks = new List<(string Url, HttpStatusCode Status, string? Type)>();
        foreach (var url in Respelt(page, handler))
        {
            var response = await client.GetAsync(url + confirmed, TestContext.Current.CancellationToken);
            tricks.Add((url, response.StatusCode, response.Content.Headers.ContentDisposition?.DispositionType));
        }

        // Past the limit nothing is downloaded, however the handler is spelt: the answer is 429, or the page itself.
        Assert.All(tricks, trick => Assert.Null(trick.Type));
        Assert.Contains(tricks, trick => trick.Status == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task SignIn_PastTheLimitFromOneAddress_Is429()
    {
        // The development sign-in's form, which exists only in Development.
        await using var development = new PortalFactory { EnvironmentName = "Development", Settings = { ["RateLimits:SignInsPerMinute"] = "3" } };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var client = development.AnonymousClient();
            statuses.Add((await client.SubmitAsync("/dev/sign-in", "/dev/sign-in?handler=PayNumber", ("Input.PayNumber", "no such person!"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
