using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Support;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

/// <summary>Saved replies: kept by the welfare leads, with only safe placeholders, and used from a request's message box.</summary>
public sealed class SavedRepliesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(params string[] roles) => factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, roles);

    [Fact]
    public async Task ALead_SavesAReply_AndAPlaceholderForAnythingButTheGivenNameAndReference_IsRefusedWhereItIs()
    {
        var lead = await ClientAsync(RoleNames.Welfare, RoleNames.WelfareLead);
        var title = "Survey booked " + Guid.NewGuid().ToString("N")[..6];

        var refused = await Html.ReadAsync(await lead.SubmitAsync("/welfare/replies/new", "/welfare/replies/new",
            ("Title", title), ("Body", "Dear ((given_name)),\nWe have your pay number ((pay_number)) on file.")));
        Assert.Equal("Line 2, column 25: ((pay_number)) is not a placeholder a reply can use. Use ((given_name)) and ((reference)), or write the words out.",
            refused.QuerySelector("#Body-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());

        var saved = await lead.SubmitAsync("/welfare/replies/new", "/welfare/replies/new",
            ("Title", title), ("Body", "Dear ((given_name)),\nYour home security survey for ((reference)) is booked."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await Html.ReadAsync(await lead.GetAsync("/welfare/replies", Cancel));
        Assert.Contains(title, list.Section("replies").Texts("dt"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AnyAsync(e => e.Action == AuditActions.SavedReplySaved && e.Detail == title, Cancel));
    }

    [Fact]
    public async Task AWelfareOfficer_StartsAMessageFromASavedReply_FilledInForTheRequester_ButCannotChangeTheReplies()
    {
        var requester = await factory.Data.CreatePersonAsync(p => p.GivenName = "Siobhán");
        string reference;
        int replyId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            reference = (await scope.ServiceProvider.GetRequiredService<SupportRequests>().CreateAsync(requester.Id,
                new NewSupportRequest(SupportRequestType.HomeOrVehicleSecurity, StatedUrgency.ThisWeek, "Someone photographed my car.", ContactMethod.Portal, null, true), Cancel)).Reference;
            replyId = (await scope.ServiceProvider.GetRequiredService<SavedReplies>().SaveAsync(new Portal.Core.Audit.Actor(null, "lead", null), null, 0,
                "Call booked " + Guid.NewGuid().ToString("N")[..6], "Dear ((given_name)), about ((reference)): I will call you today.", Cancel))!.Value;
        }

        var officer = await ClientAsync(RoleNames.Welfare);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/welfare/replies", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/welfare/replies/{replyId}", Cancel)).StatusCode);

        var page = $"/welfare/requests/{reference}?reply={replyId}";
        var started = await Html.ReadAsync(await officer.GetAsync(page, Cancel));
        Assert.Equal($"Dear Siobhán, about {reference}: I will call you today.", started.QuerySelector("#Input_Message")!.TextContent);

        var sent = await officer.SubmitAsync(page, $"/welfare/requests/{reference}?handler=Message", ("Input.Message", $"Dear Siobhán, about {reference}: I will call you today."));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var thread = await Html.ReadAsync(await officer.GetAsync($"/welfare/requests/{reference}", Cancel));
        Assert.Contains($"Dear Siobhán, about {reference}: I will call you today.", thread.Section("messages").TextContent, StringComparison.Ordinal);
    }
}
