using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Texts;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Texts;

/// <summary>A person registers their own mobile, confirmed by a code texted through a real Kannel gateway (or the pickup folder).</summary>
public sealed partial class MobileNumberTests
{
    private const string Typed = "07700 900982", International = "447700900982";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<T> DbAsync<T>(PortalFactory factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static Task<HttpResponseMessage> SendCodeAsync(HttpClient client, string number = Typed) =>
        client.SubmitAsync("/me/contact", "/me/contact?handler=SendCode", ("Number", number));

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string code) =>
        client.SubmitAsync("/me/contact/confirm", "/me/contact/confirm", ("Code", code));

    /// <summary>The code in the latest text written to the pickup folder.</summary>
    private static string PickedUpCode(PortalFactory factory) =>
        CodeIn(File.ReadAllText(Directory.GetFiles(Path.Combine(factory.DataDirectory, "texts"), "text-*.txt").OrderBy(f => int.Parse(Regex.Match(f, @"text-(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Last()));

    private static string CodeIn(string text) => SixDigits().Match(text).Value;

    private static PortalFactory PickupPortal()
    {
        var factory = new PortalFactory();
        factory.Settings["Texts:PickupDirectory"] = Path.Combine(factory.DataDirectory, "texts");
        return factory;
    }

    [Fact]
    public async Task AnOfficer_RegistersTheirMobile_TheCodeComesThroughKannel_TheNumberIsShownMasked_HeldEncrypted_AndTheNetworksReportArrives()
    {
        await using var centre = await SmsCentre.StartAsync();
        var logs = new LogCapture();
        await using var factory = new PortalFactory { Logs = logs };
        await using var forwarder = new LoopbackForwarder(factory.AnonymousClient);
        factory.TextingThrough(centre);
        factory.Settings["Notices:PortalUrl"] = forwarder.Address;
        var officer = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(officer.PayNumber);

        var sent = await SendCodeAsync(client);
        var text = (await centre.WaitForAsync(1)).Single();
        var code = CodeIn(text.Text);
        var wrong = await Html.ReadAsync(await ConfirmAsync(client, code == "000000" ? "111111" : "000000"));
        var confirmed = await client.FollowAsync(await ConfirmAsync(client, code));
        var delivered = await NoticeHost.WaitForAsync(() => DbAsync(factory, db => db.TextMessages.AsNoTracking().SingleAsync(t => t.PersonId == officer.Id, Cancel)),
            t => t.Status == TextMessageStatus.Delivered);
        var stored = await DbAsync(factory, db => db.MobileNumbers.AsNoTracking().SingleAsync(m => m.PersonId == officer.Id, Cancel));
        var audit = await DbAsync(factory, db => db.AuditEvents.AsNoTracking().Where(e => e.SubjectPersonId == officer.Id).ToListAsync(Cancel));

        Assert.Equal("/me/contact/confirm", sent.Headers.Location!.OriginalString);
        Assert.Equal(("Northshire", International), (text.From, text.To));
        Assert.Matches(@"^\d{6} is your code to confirm this number for texts from the Exposure Portal\. It expires in 10 minutes\. Do not share it\.$", text.Text);
        Assert.Equal(["That code is not right. You can try 4 more times."], wrong.Texts(".govuk-error-summary__list li"));
        Assert.Equal("07\u2022\u2022\u2022 \u2022\u2022\u2022982", confirmed.Section("masked").TextContent.Trim());
        Assert.DoesNotContain("7700 900982", confirmed.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(delivered.AcceptedUtc);
        Assert.DoesNotContain("7700900982", stored.NumberProtected!, StringComparison.Ordinal);
        Assert.Null(stored.PendingProtected);
        Assert.Equal([AuditActions.MobileConfirmed], audit.Select(e => e.Action));
        Assert.Null(audit[0].Detail);
        Assert.True(forwarder.Calls >= 2, "Kannel called the portal with its delivery reports");
        var logged = string.Join('\n', logs.Lines);
        Assert.DoesNotContain("7700900982", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(SmsCentre.Password, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(code, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongCodes_AreCounted_TheFifthVoidsIt_AnExpiredCodeIsRefused_AndOnlyThreeCodesAnHourAreSent()
    {
        await using var factory = PickupPortal();
        var officer = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(officer.PayNumber);

        var notANumber = await Html.ReadAsync(await SendCodeAsync(client, "01632 960 001"));
        await SendCodeAsync(client);
        var code = PickedUpCode(factory);
        var wrong = code == "999999" ? "888888" : "999999";
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await Html.ReadAsync(await ConfirmAsync(client, wrong))).Texts(".govuk-error-summary__list li").Single());
        }

        var rightTooLate = await Html.ReadAsync(await ConfirmAsync(client, code));
        await SendCodeAsync(client);
        await DbAsync(factory, db => db.MobileNumbers.Where(m => m.PersonId == officer.Id).ExecuteUpdateAsync(set => set.SetProperty(m => m.CodeExpiresUtc, DateTime.UtcNow.AddSeconds(-1)), Cancel));
        var expired = await Html.ReadAsync(await ConfirmAsync(client, PickedUpCode(factory)));
        await SendCodeAsync(client);
        var fourth = await Html.ReadAsync(await SendCodeAsync(client));

        Assert.Equal(["Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"], notANumber.Texts(".govuk-error-summary__list li"));
        Assert.Equal(
            [
                "That code is not right. You can try 4 more times.", "That code is not right. You can try 3 more times.", "That code is not right. You can try 2 more times.",
                "That code is not right. You can try 1 more time.", "That code is not right, and it has been wrong too many times. Ask for a new code.",
            ],
            answers);
        Assert.Equal(["There is no code waiting. Ask for a new code."], rightTooLate.Texts(".govuk-error-summary__list li"));
        Assert.Equal(["That code has expired. Ask for a new code."], expired.Texts(".govuk-error-summary__list li"));
        Assert.Matches(@"^You have asked for 3 codes in the last hour\. Try again in (59|60) minutes\.$", fourth.Texts(".govuk-error-summary__list li").Single());
        Assert.Null(await DbAsync(factory, db => db.MobileNumbers.AsNoTracking().Where(m => m.PersonId == officer.Id).Select(m => m.NumberProtected).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task AGatewayThatIsDown_MeansTryLater_AndCountsNoCode()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Texts:Delivery"] = "Kannel";
        factory.Settings["Texts:KannelUrl"] = "http://127.0.0.1:9/cgi-bin/sendsms";
        var officer = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(officer.PayNumber);

        var page = await Html.ReadAsync(await SendCodeAsync(client));
        var text = await DbAsync(factory, db => db.TextMessages.AsNoTracking().SingleAsync(t => t.PersonId == officer.Id, Cancel));
        var mobile = await DbAsync(factory, db => db.MobileNumbers.AsNoTracking().SingleAsync(m => m.PersonId == officer.Id, Cancel));

        Assert.Equal(["We cannot send texts just now. Nothing has changed: try again in a few minutes."], page.Texts(".govuk-error-summary__list li"));
        Assert.Equal(TextMessageStatus.Failed, text.Status);
        Assert.StartsWith("The gateway cannot be reached", text.LastError, StringComparison.Ordinal);
        Assert.Equal((0, (string?)null), (mobile.CodesSent, mobile.CodeProtected));
    }

    [Fact]
    public async Task ADeliveryReport_WithoutItsToken_IsIgnored_AFailedOneKeepsTheNetworksReason_AndALaterOneChangesNothing()
    {
        await using var factory = PickupPortal();
        var officer = await factory.Data.CreatePersonAsync();
        var text = new TextMessage { PersonId = officer.Id, Purpose = TextPurpose.ConfirmationCode, Status = TextMessageStatus.Accepted, CreatedUtc = DateTime.UtcNow };
        await DbAsync(factory, async db => { db.TextMessages.Add(text); return await db.SaveChangesAsync(Cancel); });
        var token = factory.Services.GetRequiredService<DeliveryReportTokens>().TokenFor(text.Id);
        var anonymous = factory.AnonymousClient();

        var forged = await anonymous.GetAsync($"/texts/report?m={text.Id}&t=not-a-token&status=1&answer=", Cancel);
        var otherTexts = await anonymous.GetAsync($"/texts/report?m={text.Id + 1}&t={token}&status=1&answer=", Cancel);
        var failed = await anonymous.GetAsync($"/texts/report?m={text.Id}&t={token}&status=16&answer=NACK%2F0x0000000b%2FInvalid+Destination+Address", Cancel);
        var late = await anonymous.GetAsync($"/texts/report?m={text.Id}&t={token}&status=1&answer=", Cancel);
        var stored = await DbAsync(factory, db => db.TextMessages.AsNoTracking().SingleAsync(t => t.Id == text.Id, Cancel));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK), (forged.StatusCode, otherTexts.StatusCode, failed.StatusCode, late.StatusCode));
        Assert.Equal(TextMessageStatus.Failed, stored.Status);
        Assert.Equal("The network refused it: NACK/0x0000000b/Invalid Destination Address", stored.LastError);
        Assert.Null(stored.DeliveredUtc);
    }

    [Fact]
    public async Task RemovingTheNumber_DeletesIt_AndIsAudited()
    {
        await using var factory = PickupPortal();
        var officer = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(officer.PayNumber);
        await SendCodeAsync(client);
        await ConfirmAsync(client, PickedUpCode(factory));

        var removed = await client.FollowAsync(await client.SubmitAsync("/me/contact", "/me/contact?handler=Remove"));

        Assert.Contains("Your mobile number is removed", removed.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Null(removed.QuerySelector("[data-testid='masked']"));
        Assert.False(await DbAsync(factory, db => db.MobileNumbers.AnyAsync(m => m.PersonId == officer.Id, Cancel)));
        Assert.Equal([AuditActions.MobileConfirmed, AuditActions.MobileRemoved],
            await DbAsync(factory, db => db.AuditEvents.AsNoTracking().Where(e => e.SubjectPersonId == officer.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel)));
    }

    [Fact]
    public async Task TheNumber_IsInTheirOwnCopyOfTheirData_AndRetentionRemovesItWhenTheyLeave()
    {
        await using var factory = PickupPortal();
        var officer = await factory.Data.CreatePersonAsync();
        var stays = await factory.Data.CreatePersonAsync();
        foreach (var person in new[] { officer, stays })
        {
            var client = factory.ClientAs(person.PayNumber);
            await SendCodeAsync(client);
            await ConfirmAsync(client, PickedUpCode(factory));
        }

        var copy = await factory.ClientAs(officer.PayNumber).GetStringAsync("/me/data?handler=Download", Cancel);
        await DbAsync(factory, db => db.People.Where(p => p.Id == officer.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PersonStatus.Leaver), Cancel));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Core.Jobs.RetentionJob>().RunAsync(Cancel);
        }

        using var json = System.Text.Json.JsonDocument.Parse(copy);
        var mobile = json.RootElement.GetProperty("mobile");
        Assert.Equal("+" + International, mobile.GetProperty("number").GetString());
        Assert.Equal(["ConfirmationCode"], mobile.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("purpose").GetString()));
        Assert.Equal([stays.Id], await DbAsync(factory, db => db.MobileNumbers.Select(m => m.PersonId).ToListAsync(Cancel)));
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
