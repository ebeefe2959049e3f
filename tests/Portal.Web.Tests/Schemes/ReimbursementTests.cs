using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Claims;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Schemes;

/// <summary>
/// Reimbursement on receipts: items claimed with receipts typed from their bytes and kept outside the web root, opened
/// only by the claimant and the assessors; the cap across several claims; and the same evidence in two claims flagged.
/// </summary>
public sealed class ReimbursementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static string Day(int fromToday) => UkTime.DateOf(DateTime.UtcNow).AddDays(fromToday).ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A PDF's first bytes and something of its own, so that no two are the same file.</summary>
    internal static byte[] Pdf() => [.. "%PDF-1.4\n"u8.ToArray(), .. Guid.NewGuid().ToByteArray(), .. "\n%%EOF\n"u8.ToArray()];

    internal static async Task<int> ReimbursementSchemeAsync(PortalFactory factory, string units, string cap = "400")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ClaimSchemes>().SaveAsync(new Actor(null, "admin", null), null, 0,
            new SchemeInput("R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "Home security costs", "Locks, cameras and alarms", SchemeKind.Reimbursement, cap,
                AudienceKind.Units, null, units, Day(-1), Day(30), "A receipt for each item"), Cancel))!.Value;
    }

    /// <summary>Claims the items through the core, each with a receipt kept for the person (the same bytes when given).</summary>
    internal static async Task<ProtectionClaim> ClaimItemsAsync(PortalFactory factory, Person person, int scheme, params (string Supplier, string Amount, byte[]? Receipt)[] items)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReceiptStore>();
        var inputs = new List<ClaimItemInput>();
        foreach (var (supplier, amount, receipt) in items)
        {
            var bytes = receipt ?? Pdf();
            using var content = new MemoryStream(bytes);
            var (kept, _) = await store.KeepAsync(person.Id, content, bytes.Length, Cancel);
            inputs.Add(new ClaimItemInput("Door camera", supplier, Day(-3), amount, kept!.File));
        }

        return await scope.ServiceProvider.GetRequiredService<ProtectionClaims>().ClaimItemsAsync(new Actor(person.Id, "person", null), person.Id, scheme, inputs, declared: true, Guid.NewGuid(), Cancel);
    }

    private static string Unit(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task AReceiptRenamedFromAProgram_IsRefusedAtItsField_AndNothingIsKept()
    {
        var unit = Unit("Custody");
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await ReimbursementSchemeAsync(factory, unit);
        var client = factory.ClientAs(person.PayNumber);
        var page = $"/me/claims/new/{scheme}/items";
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

        var refused = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Add", ("Upload", "receipt.pdf", program),
            ("Next.What", "Door camera"), ("Next.Supplier", "Screwfix"), ("Next.BoughtOn", Day(-2)), ("Next.Amount", "89.99"), ("SubmissionKey", Guid.NewGuid().ToString())));

        Assert.Equal("The file must be a PDF, a JPEG or a PNG, whatever its name says. Save or photograph the receipt as one of those",
            refused.QuerySelector(".govuk-error-summary__list a[href='#Next_Receipt']")!.TextContent);
        Assert.Equal("Door camera", refused.QuerySelector("#Next_What")!.GetAttribute("value"));
        Assert.Equal("no-items", refused.QuerySelector("#Items")!.GetAttribute("data-testid"));
        var directory = Path.Combine(factory.DataDirectory, "receipts");
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFiles(directory, $"{person.Id}-*").Any(), "A program named receipt.pdf was kept.");
    }

    [Fact]
    public async Task APerson_ClaimsForItemsWithReceipts_AndOnlyTheyAndTheAssessorsCanOpenThem()
    {
        var unit = Unit("Response");
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var colleague = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var assessor = await factory.Data.CreatePersonAsync();
        var scheme = await ReimbursementSchemeAsync(factory, unit);
        var client = factory.ClientAs(person.PayNumber);
        var page = $"/me/claims/new/{scheme}/items";
        var key = Guid.NewGuid().ToString();
        var camera = Pdf();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];

        // The scheme's "Claim" link leads to the items.
        var link = await client.GetAsync($"/me/claims/new/{scheme}", Cancel);
        Assert.Equal((HttpStatusCode.Redirect, page), (link.StatusCode, link.Headers.Location!.ToString()));

        var first = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Add", ("Upload", "camera receipt.pdf", camera),
            ("Next.What", "Door camera"), ("Next.Supplier", "Screwfix"), ("Next.BoughtOn", Day(-2)), ("Next.Amount", "89.99"), ("SubmissionKey", key)));
        Assert.Empty(first.QuerySelectorAll(".govuk-error-summary"));
        var items = Hidden(first);
        Assert.Equal("camera receipt.pdf", items["Items[0].ReceiptName"]);

        // The second item's date is wrong: its receipt is kept all the same, so it need not be uploaded again.
        var wrong = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Add", ("Upload", "lock.png", png),
            [.. items.Select(kv => (kv.Key, kv.Value)), ("Next.What", "Window locks"), ("Next.Supplier", "Locks Direct"), ("Next.BoughtOn", Day(5)), ("Next.Amount", "£40")]));
        Assert.Equal("The date on the receipt must be today or in the past", wrong.QuerySelector(".govuk-error-summary__list a[href='#Next_BoughtOn']")!.TextContent);
        Assert.Contains("Uploaded: lock.png", wrong.Section("uploaded").TextContent, StringComparison.Ordinal);
        var kept = Hidden(wrong);

        var both = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Add", null,
            [.. kept.Select(kv => (kv.Key, kv.Value)), ("Next.What", "Window locks"), ("Next.Supplier", "Locks Direct"), ("Next.BoughtOn", Day(-1)), ("Next.Amount", "£40")]));
        Assert.Equal("£129.99", both.Section("total").TextContent);

        var undeclared = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Check", null, [.. Hidden(both).Select(kv => (kv.Key, kv.Value))]));
        Assert.Equal(ProtectionClaims.ItemsDeclarationMissing, undeclared.QuerySelector(".govuk-error-summary__list a[href='#Declared']")!.TextContent);

        var check = await Html.ReadAsync(await client.UploadAsync(page, page + "?handler=Check", null, [.. Hidden(both).Select(kv => (kv.Key, kv.Value)), ("Declared", "true")]));
        Assert.Equal("Check your answers", check.QuerySelector("h1")!.TextContent);
        Assert.Equal("£129.99, with your salary", check.Section("total").TextContent);
        var yesterday = UkTime.DateOf(DateTime.UtcNow).AddDays(-1).ToString("d MMMM yyyy", UkEnglish.Culture);
        Assert.Contains(check.QuerySelectorAll("[data-testid='item']"), i => i.TextContent.Contains($"£40.00 from Locks Direct on {yesterday}", StringComparison.Ordinal));

        var made = await client.UploadAsync(page, page, null, [.. Hidden(check).Select(kv => (kv.Key, kv.Value))]);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var reference = (await client.FollowAsync(made)).Section("reference").TextContent;

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var claim = await db.ProtectionClaims.Include(c => c.Items).SingleAsync(c => c.PersonId == person.Id, Cancel);
        Assert.Equal((reference, 12_999L, 2), (claim.Reference, claim.ClaimedPence, claim.Items.Count));
        var cameraItem = claim.Items.Single(i => i.Supplier == "Screwfix");
        Assert.Equal(("application/pdf", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(camera))), (cameraItem.ReceiptContentType, cameraItem.ReceiptSha256));
        Assert.Equal("image/png", claim.Items.Single(i => i.Supplier == "Locks Direct").ReceiptContentType);

        // Kept in the receipts folder under a name of the portal's, not the upload's, and never under the web root.
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "receipts", cameraItem.ReceiptFile)));
        Assert.DoesNotContain("camera", cameraItem.ReceiptFile, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/receipts/{cameraItem.ReceiptFile}", Cancel)).StatusCode);

        // The claimant opens it; a colleague cannot, even knowing the reference; an assessor can, and it is audited.
        var own = await client.GetAsync($"/me/claims/{reference}?handler=Receipt&item={cameraItem.Id}", Cancel);
        Assert.Equal(camera, await own.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("sandbox; default-src 'none'", string.Join(";", own.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", own.Headers.CacheControl!.ToString());
        var outsider = factory.ClientAs(colleague.PayNumber);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/me/claims/{reference}?handler=Receipt&item={cameraItem.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/me/claims/{reference}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/claims/{reference}?handler=Receipt&item={cameraItem.Id}", Cancel)).StatusCode);
        var assessed = await factory.ClientAs(assessor.PayNumber, RoleNames.Claims).GetAsync($"/claims/{reference}?handler=Receipt&item={cameraItem.Id}", Cancel);
        Assert.Equal(camera, await assessed.Content.ReadAsByteArrayAsync(Cancel));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ClaimReceiptViewed && e.Target == reference && e.ActorPersonId == assessor.Id && e.SubjectPersonId == person.Id, Cancel));
    }

    [Fact]
    public async Task TheCap_HoldsAcrossSeveralClaims_AndSaysHowMuchIsLeft()
    {
        var unit = Unit("Harbour");
        var person = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var scheme = await ReimbursementSchemeAsync(factory, unit, cap: "400");

        await ClaimItemsAsync(factory, person, scheme, ("Screwfix", "250", null));
        var refused = await Assert.ThrowsAsync<RefusedException>(() => ClaimItemsAsync(factory, person, scheme, ("Toolstation", "120", null), ("Argos", "80.01", null)));
        Assert.Equal("This would take your claims past the scheme's limit of £400.00 for each person: you have claimed £250.00, so you can claim up to £150.00 more.", refused.Message);
        var last = await ClaimItemsAsync(factory, person, scheme, ("Toolstation", "120", null), ("Argos", "30", null));

        Assert.Equal(15_000, last.ClaimedPence);
        await Assert.ThrowsAsync<RefusedException>(() => ClaimItemsAsync(factory, person, scheme, ("Argos", "0.01", null)));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(40_000, await db.ProtectionClaims.Where(c => c.PersonId == person.Id).SumAsync(c => c.ClaimedPence, Cancel));
    }

    [Fact]
    public async Task TheSameReceipt_OrTheSameSupplierDayAndAmount_InAnotherClaimantsClaim_IsShownToAssessorsSideBySide_NotToTheClaimant()
    {
        var unit = Unit("Cyber");
        var first = await factory.Data.CreatePersonAsync(p => (p.Unit, p.GivenName) = (unit, "Ffion"));
        var second = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var innocent = await factory.Data.CreatePersonAsync(p => p.Unit = unit);
        var assessor = await factory.Data.CreatePersonAsync();
        var scheme = await ReimbursementSchemeAsync(factory, unit);
        var shared = Pdf();
        // A supplier many people use: hundreds of its items, none the same purchase, must not hide the one that is.
        await BusySupplierAsync(innocent, scheme, "B & Q", items: 250);

        var original = await ClaimItemsAsync(factory, first, scheme, ("Screwfix", "89.99", shared), ("B&Q", "45.00", null));
        var copy = await ClaimItemsAsync(factory, second, scheme, ("SCREWFIX ", "60.00", shared));
        var lookalike = await ClaimItemsAsync(factory, second, scheme, ("b & q", "45", null));
        var unrelated = await ClaimItemsAsync(factory, innocent, scheme, ("Screwfix", "12.50", null));

        var assessorClient = factory.ClientAs(assessor.PayNumber, RoleNames.Claims);
        var page = await Html.ReadAsync(await assessorClient.GetAsync($"/claims/{copy.Reference}", Cancel));
        Assert.NotNull(page.QuerySelector("[data-testid='duplicate-warning']"));
        var row = page.Section("duplicates").QuerySelector($"tr[data-other='{original.Reference}']")!;
        Assert.Contains("The same receipt file", row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Ffion {first.FamilyName}, {first.PayNumber}", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("£89.99", row.TextContent, StringComparison.Ordinal);

        var alike = await Html.ReadAsync(await assessorClient.GetAsync($"/claims/{lookalike.Reference}", Cancel));
        Assert.Contains("The same supplier, date and amount", alike.Section("duplicates").QuerySelector($"tr[data-other='{original.Reference}']")!.TextContent, StringComparison.Ordinal);

        var clean = await Html.ReadAsync(await assessorClient.GetAsync($"/claims/{unrelated.Reference}", Cancel));
        Assert.Null(clean.QuerySelector("[data-testid='duplicates']"));

        var queue = await Html.ReadAsync(await assessorClient.GetAsync($"/claims?scheme={scheme}", Cancel));
        Assert.NotNull(queue.QuerySelector($"tr[data-reference='{copy.Reference}'] [data-testid='duplicate']"));
        Assert.NotNull(queue.QuerySelector($"tr[data-reference='{original.Reference}'] [data-testid='duplicate']"));
        Assert.Null(queue.QuerySelector($"tr[data-reference='{unrelated.Reference}'] [data-testid='duplicate']"));

        var claimantView = await client(second).GetStringAsync($"/me/claims/{copy.Reference}", Cancel);
        Assert.DoesNotContain(original.Reference, claimantView, StringComparison.Ordinal);
        Assert.DoesNotContain("another claim", claimantView, StringComparison.OrdinalIgnoreCase);

        HttpClient client(Person person) => factory.ClientAs(person.PayNumber);
    }

    private async Task BusySupplierAsync(Person person, int scheme, string supplier, int items)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ProtectionClaims.Add(new ProtectionClaim
        {
            SchemeId = scheme,
            PersonId = person.Id,
            Status = ClaimStatus.Paid,
            ClaimedPence = items * 100L,
            SubmissionKey = Guid.NewGuid(),
            SubmittedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Items = [.. Enumerable.Range(1, items).Select(i => new ClaimItem
            {
                What = "Bulb",
                Supplier = supplier,
                SupplierKey = ClaimDuplicates.KeyOf(supplier),
                BoughtOn = UkTime.DateOf(DateTime.UtcNow).AddDays(-10 - i),
                AmountPence = 100 + i,
                ReceiptFile = $"{person.Id}-{Guid.NewGuid():N}",
                ReceiptSha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'),
                ReceiptContentType = "application/pdf",
            })],
        });
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>The hidden fields a page's claim form carries, as the browser would send them back.</summary>
    private static Dictionary<string, string> Hidden(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("form[enctype='multipart/form-data'] input[type='hidden']")
            .Where(i => i.GetAttribute("name") is { } name && name != "__RequestVerificationToken")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
}
