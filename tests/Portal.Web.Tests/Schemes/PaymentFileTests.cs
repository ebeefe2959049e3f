using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Schemes;

/// <summary>Approved claims paid exactly once: in one file each, even when two exports run at once; the same file again on download; paid when marked.</summary>
public sealed class PaymentFileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Approved claims on a flat scheme, made directly: one each for <paramref name="count"/> new people.</summary>
    internal static async Task<(List<Person> People, ProtectionScheme Scheme, List<int> Claims)> ApprovedClaimsAsync(PortalFactory factory, int count, long pence = 25_000)
    {
        var people = await factory.Data.CreatePeopleAsync(count);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var scheme = new ProtectionScheme { Code = "P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = "Payment", Covers = "Security", EvidenceNeeded = "Declaration", Kind = SchemeKind.FlatPayment, AmountPence = pence };
        db.ProtectionSchemes.Add(scheme);
        await db.SaveChangesAsync(Cancel);
        var claims = people.Select(p => new ProtectionClaim
        {
            SchemeId = scheme.Id,
            PersonId = p.Id,
            Status = ClaimStatus.Approved,
            ClaimedPence = pence,
            ApprovedPence = pence,
            Declared = true,
            SubmissionKey = Guid.NewGuid(),
            SubmittedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Version = 3,
        }).ToList();
        db.ProtectionClaims.AddRange(claims);
        await db.SaveChangesAsync(Cancel);
        return (people, scheme, claims.Select(c => c.Id).ToList());
    }

    /// <summary>Each data row of a payment file: pay number, amount, scheme code, reference.</summary>
    internal static List<string[]> Rows(byte[] file)
    {
        var lines = Encoding.UTF8.GetString(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PaymentFiles.Header, lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split(','))];
    }

    [Fact]
    public async Task FourExportsAtOnce_PutEachApprovedClaimInExactlyOneFile()
    {
        var (_, _, claims) = await ApprovedClaimsAsync(factory, 400);

        var files = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PaymentFiles>().ExportAsync(new Actor(null, "admin", null), Cancel);
        }));

        var references = files.OfType<PaymentFile>().SelectMany(f => Rows(f.Content)).Select(r => r[3]).ToList();
        var ours = claims.Select(ClaimReference.Format).ToHashSet();
        Assert.Equal(ours.Count, references.Count(ours.Contains));
        Assert.Equal(references.Count, references.Distinct().Count());
        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.ProtectionClaims.AnyAsync(c => claims.Contains(c.Id) && c.PaymentFileId == null, Cancel));
        var made = files.OfType<PaymentFile>().Select(f => f.Id).ToList();
        Assert.Equal(files.OfType<PaymentFile>().Sum(f => f.ClaimCount), await db.ProtectionClaims.CountAsync(c => c.PaymentFileId != null && made.Contains(c.PaymentFileId.Value), Cancel));
    }

    [Fact]
    public async Task AnAdministrator_ExportsTheApprovedClaims_DownloadsTheSameFileTwice_AndMarksItPaid()
    {
        var (people, scheme, claims) = await ApprovedClaimsAsync(factory, 3, pence: 12_345);
        var admin = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(admin.PayNumber, RoleNames.Admin);

        var exported = await client.SubmitAsync("/admin/payments", "/admin/payments?handler=Export");
        var page = await client.FollowAsync(exported);
        Assert.Matches(@"^payments-\d{6}\.csv made: \d+ claims, £[\d,]+\.\d\d\. Download it for payroll$", page.Section("flash").TextContent);
        // Files are listed newest first; other tests in this class may have made files before this one.
        var ours = page.Section("files").QuerySelector("tr[data-file]")!;
        var fileCount = page.Section("files").QuerySelectorAll("tr[data-file]").Length;
        var name = ours.QuerySelector("a")!;
        var first = await (await client.GetAsync(name.GetAttribute("href"), Cancel)).Content.ReadAsByteArrayAsync(Cancel);
        var again = await client.GetAsync(name.GetAttribute("href"), Cancel);
        Assert.Equal(first, await again.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(name.TextContent, again.Content.Headers.ContentDisposition!.FileName);

        var rows = Rows(first).Where(r => r[2] == scheme.Code).ToList();
        Assert.Equal(people.Select(p => p.PayNumber).Order(), rows.Select(r => r[0]).Order());
        Assert.All(rows, r => Assert.Equal("123.45", r[1]));
        Assert.Equal(claims.Select(ClaimReference.Format).Order(), rows.Select(r => r[3]).Order());

        // Nothing is waiting now: a second export makes no file, and so no second payment.
        var second = await client.FollowAsync(await client.SubmitAsync("/admin/payments", "/admin/payments?handler=Export"));
        Assert.Equal("There were no approved claims waiting: no file was made", second.Section("flash").TextContent);
        Assert.Equal(fileCount, second.Section("files").QuerySelectorAll("tr[data-file]").Length);
        var row = $"tr[data-file='{ours.GetAttribute("data-file")}']";
        var markPaid = second.Section("files").QuerySelector($"{row} form")!.GetAttribute("action")!;

        var paid = await client.FollowAsync(await client.SubmitAsync("/admin/payments", markPaid));
        Assert.NotNull(paid.Section("files").QuerySelector($"{row} [data-testid='paid']"));
        var mine = await Html.ReadAsync(await factory.ClientAs(people[0].PayNumber).GetAsync($"/me/claims/{ClaimReference.Format(claims[0])}", Cancel));
        Assert.Equal("Paid", mine.Section("status").TextContent);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(3, await db.ProtectionClaims.CountAsync(c => claims.Contains(c.Id) && c.Status == ClaimStatus.Paid && c.PaidUtc != null, Cancel));
        string[] actions = [AuditActions.PaymentFileExported, AuditActions.PaymentFileDownloaded, AuditActions.PaymentFilePaid];
        Assert.Equal(actions.Order(), (await db.AuditEvents.Where(e => actions.Contains(e.Action)).Select(e => e.Action).Distinct().ToListAsync(Cancel)).Order());

        // Marking it paid again is refused, and says why.
        var twice = await Html.ReadAsync(await client.SubmitAsync("/admin/payments", markPaid));
        Assert.Contains("Someone changed this payment file after you opened it", twice.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdministrators_ExportOrDownloadPaymentFiles()
    {
        var assessor = await factory.Data.CreatePersonAsync();
        var client = factory.ClientAs(assessor.PayNumber, RoleNames.Claims);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/payments", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/payments?handler=File&id=1", Cancel)).StatusCode);
    }
}
