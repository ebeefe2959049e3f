using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Portal.Web.Tests.Evidence;

/// <summary>A person's statement: what it says, and how anyone can check that the portal issued it unchanged.</summary>
public sealed class StatementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Person Officer, Incident Incident, string Code, byte[] Pdf)> IssueAsync()
    {
        var officer = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName, p.RankOrGrade) = ("Siobhán", "Ó Súilleabháin", "Sergeant"));
        var incident = await factory.Data.CreateIncidentAsync();
        await factory.Data.AddExposureAsync(officer, incident, HeldFields.Name | HeldFields.Photo);
        var notice = await factory.Data.SendNoticeAsync([officer], "The card supplier breach", incident);
        await factory.Data.AcknowledgeAsync(notice, officer);
        var client = factory.ClientAs(officer.PayNumber);
        var response = await client.SubmitAsync("/me/statement", "/me/statement");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var code = response.Content.Headers.ContentDisposition!.FileName!.Trim('"')["statement-".Length..^".pdf".Length];
        return (officer, incident, code, await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task TheStatement_SaysWhatWasHeldAndNot_TheNoticesAndWhenConfirmed_WithItsCode_AndIsAudited()
    {
        var (officer, incident, code, pdf) = await IssueAsync();

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains($"Issued to Siobhán Ó Súilleabháin, Sergeant, pay number {officer.PayNumber}", text, StringComparison.Ordinal);
        Assert.Contains($"{incident.Reference}: {incident.Title} Held: Your name; Your photo Not held: Your rank or grade;", text, StringComparison.Ordinal);
        Assert.Contains("The card supplier breach. Sent", text, StringComparison.Ordinal);
        Assert.Contains("you confirmed you had read it on", text, StringComparison.Ordinal);
        Assert.Contains($"Verification code: {code}", text, StringComparison.Ordinal);
        Assert.Contains($"/verify/{code}", text, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.StatementIssued && e.SubjectPersonId == officer.Id).Select(e => e.Target).ToListAsync(Cancel);
        Assert.Equal(["statement/" + code], audit);
    }

    public static TheoryData<string> Personas => ["affected-constable", "covert-officer", "unaffected-staff"];

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task EachPersonasStatement_NamesThemExactly_InEveryScriptTheirNameIsWritten(string key)
    {
        var persona = Portal.Web.Infrastructure.DevSignIn.Personas.Find(key)!.Person;
        var person = await factory.Data.CreatePersonAsync(p => (p.GivenName, p.FamilyName, p.RankOrGrade) = (persona.GivenName, persona.FamilyName, persona.RankOrGrade));

        var response = await factory.ClientAs(person.PayNumber).SubmitAsync("/me/statement", "/me/statement");

        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Cancel));
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains($"Issued to {persona.GivenName} {persona.FamilyName}, {persona.RankOrGrade}, pay number {person.PayNumber}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyoneWithTheCode_SeesWhenItWasIssuedAndItsSha256_NothingAboutThePerson_AndAChangedCopyFails()
    {
        var (officer, _, code, pdf) = await IssueAsync();
        var anyone = factory.AnonymousClient();
        var changed = (byte[])pdf.Clone();
        changed[changed.Length / 2] ^= 1;

        var page = await Html.ReadAsync(await anyone.GetAsync($"/verify/{code}", Cancel));
        var same = await Html.ReadAsync(await anyone.UploadAsync($"/verify/{code}", $"/verify/{code}", ("document", "statement.pdf", pdf)));
        var altered = await Html.ReadAsync(await anyone.UploadAsync($"/verify/{code}", $"/verify/{code}", ("document", "statement.pdf", changed)));

        Assert.Contains("The portal issued this statement", page.Section("issued").TextContent, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), page.Section("sha256").TextContent.Trim());
        foreach (var personal in new[] { officer.PayNumber, "Siobhán", "Súilleabháin", "Sergeant" })
        {
            Assert.DoesNotContain(personal, page.Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.NotNull(same.QuerySelector("[data-testid='matches']"));
        Assert.Null(altered.QuerySelector("[data-testid='matches']"));
        Assert.NotNull(altered.QuerySelector("[data-testid='does-not-match']"));
    }

    [Fact]
    public async Task ACodeNeverIssued_AndARowForgedWithoutTheKey_AreBothNotFound()
    {
        var (officer, _, _, _) = await IssueAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Statements.Add(new Statement
            {
                Code = "FAKE-FAKE-FAKE",
                PersonId = officer.Id,
                IssuedUtc = DateTime.UtcNow,
                Sha256 = new string('0', 64),
                KeyId = "test",
                Signature = Convert.ToBase64String(new byte[32]),
            });
            await db.SaveChangesAsync(Cancel);
        }

        var anyone = factory.AnonymousClient();
        var never = await anyone.GetAsync("/verify/ABCD-EFGH-JKLM", Cancel);
        var forged = await anyone.GetAsync("/verify/FAKE-FAKE-FAKE", Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (never.StatusCode, forged.StatusCode));
        Assert.Contains("No statement has this code", (await Html.ReadAsync(forged)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Action == AuditActions.StatementVerified && e.Detail == "not issued" && (e.Target == "statement/ABCD-EFGH-JKLM" || e.Target == "statement/FAKE-FAKE-FAKE"), Cancel));
    }
}
