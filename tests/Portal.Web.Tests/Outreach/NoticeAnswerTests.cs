using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Outreach;

/// <summary>Answering a notice beside "I have read this": "I need support" and "I have seen something suspicious".</summary>
public sealed class NoticeAnswerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<SupportRequest> RequestAsync(string reference)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = SupportReference.TryParse(reference, out var parsed) ? parsed : throw new InvalidOperationException(reference);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.AsNoTracking().SingleAsync(r => r.Id == id, Cancel);
    }

    [Fact]
    public async Task INeedSupport_OpensTheSupportFormForThatNotice_AndTheRequestSaysWhichItAnswers()
    {
        var officer = await factory.Data.CreatePersonAsync();
        var incident = await factory.Data.CreateIncidentAsync();
        var id = await factory.Data.SendNoticeAsync([officer], "Card supplier breach", incident);
        var client = factory.ClientAs(officer.PayNumber);
        var admin = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Admin);

        var notice = await Html.ReadAsync(await client.GetAsync($"/notices/{id}", Cancel));
        var link = notice.Section("answers").QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "I need support").GetAttribute("href")!;
        var form = await Html.ReadAsync(await client.GetAsync(link, Cancel));
        await client.SubmitAsync(link, link, [.. SupportForms.Answers(), ("Input.CampaignId", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var check = await Html.ReadAsync(await client.GetAsync("/support/new/check", Cancel));
        var confirmation = await client.FollowAsync(await client.SubmitAsync("/support/new/check", "/support/new/check"));
        var reference = confirmation.Section("reference").TextContent;
        var campaign = await Html.ReadAsync(await admin.GetAsync($"/admin/campaigns/{id}", Cancel));

        Assert.Contains("answers the notice Card supplier breach", form.Section("answering-notice").TextContent, StringComparison.Ordinal);
        Assert.EndsWith($", about {incident.Title}.", form.Section("answering-notice").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("The notice it answers Card supplier breach", string.Join(" ", check.Section("answers").Texts(".govuk-summary-list__row")), StringComparison.Ordinal);
        Assert.Equal(id, (await RequestAsync(reference)).CampaignId);
        Assert.Equal("1 person", campaign.QuerySelector("[data-answer='support']")!.TextContent.Trim());
        Assert.Equal("0 people", campaign.QuerySelector("[data-answer='suspicious']")!.TextContent.Trim());
    }

    [Fact]
    public async Task SomethingSuspicious_IsAReportOfItsOwnType_AtLeastHighPriority_WithTheReason_AndSendingTwiceMakesOne()
    {
        var officer = await factory.Data.CreatePersonAsync();
        var id = await factory.Data.SendNoticeAsync(officer, "Card supplier breach");
        var client = factory.ClientAs(officer.PayNumber);
        var welfare = factory.ClientAs((await factory.Data.CreatePersonAsync()).PayNumber, RoleNames.Welfare);
        var page = $"/notices/{id}/suspicious";

        var empty = await Html.ReadAsync(await client.SubmitAsync(page, page));
        var form = await Html.ReadAsync(await client.GetAsync(page, Cancel));
        var key = form.QuerySelector("input[name='SubmissionKey']")!.GetAttribute("value")!;
        (string, string)[] answers = [("Description", "A van parked outside my house photographed my car."), ("StatedUrgency", "NoRush"), ("ConsentToShare", "true"), ("SubmissionKey", key)];
        var sent = await client.SubmitAsync(page, page, answers);
        var again = await client.SubmitAsync(page, page, answers);
        var reference = (await client.FollowAsync(sent)).Section("reference").TextContent;
        var request = await RequestAsync(reference);
        var queueView = await Html.ReadAsync(await welfare.GetAsync($"/welfare/requests/{reference}", Cancel));

        Assert.Equal(["Tell us what you saw", "Select how soon you need us to act", "Confirm that the welfare team may see your request and your details, so they can help you"],
            empty.Texts(".govuk-error-summary__list li"));
        Assert.Equal(sent.Headers.Location, again.Headers.Location);
        Assert.Equal((SupportRequestType.SuspiciousReport, Priority.High, id), (request.Type, request.Priority, request.CampaignId));
        Assert.Contains("Raised to High: a report of something suspicious is always at least High", queueView.Section("reasons").TextContent, StringComparison.Ordinal);
        Assert.Equal("Card supplier breach", queueView.Section("answers-notice").TextContent.Trim());
        Assert.Contains("Something suspicious seen, reported from a notice", queueView.QuerySelector(".govuk-caption-l")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoticeNotSentToYou_CannotBeAnswered()
    {
        var officer = await factory.Data.CreatePersonAsync();
        var other = await factory.Data.CreatePersonAsync();
        var id = await factory.Data.SendNoticeAsync(other);
        var client = factory.ClientAs(officer.PayNumber);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/notices/{id}/suspicious", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/support/new?notice={id}", Cancel)).StatusCode);
        var tampered = await client.SubmitAsync("/support/new", "/support/new", [.. SupportForms.Answers(), ("Input.CampaignId", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SupportRequests.AnyAsync(r => r.PersonId == officer.Id, Cancel));
    }
}
