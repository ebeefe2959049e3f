using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Domain;
using Portal.Core.Text;
using Portal.Core.Validation;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Security;
using Portal.Web.Pages.Shared;

namespace Portal.Web.Pages.Me.Claims;

/// <summary>
/// Claiming reimbursement: the person adds the items they bought one at a time, each with its receipt (kept as it is
/// uploaded, so it is never asked for twice), makes the declaration, checks their answers and claims. The items so far
/// travel in the form; every step checks them again, and the claim takes only receipts this person uploaded.
/// </summary>
[NeedsPersonRecord]
[TakesUploads]
public sealed class ItemsModel(CurrentPerson currentPerson, ClaimSchemes schemes, ProtectionClaims claims, ReceiptStore receipts) : PageModel, IHasErrorOrder
{
    private const string NextPrefix = "Next.";

    public IReadOnlyList<string> ErrorOrder { get; } =
        ["Next.What", "Next.Supplier", "Next.BoughtOn", "Next.Amount", "Next.Receipt", "Items", nameof(Declared), "claim"];

    [BindProperty(SupportsGet = true)]
    public int SchemeId { get; set; }

    /// <summary>The items added so far.</summary>
    [BindProperty]
    public List<ItemForm> Items { get; set; } = [];

    /// <summary>The item being added.</summary>
    [BindProperty]
    public ItemForm Next { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool Declared { get; set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public ProtectionScheme Scheme { get; private set; } = null!;

    /// <summary>True on "Check your answers".</summary>
    public bool Checking { get; private set; }

    public Money Total => new(Items.Sum(i => Money.TryParse(i.Amount, out var m) ? m.Pence : 0));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        SubmissionKey = Guid.NewGuid();
        return await LoadAsync(cancellationToken) ?? Page();
    }

    /// <summary>Adds the item being typed, with its receipt, to the list.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await AddNextAsync(cancellationToken);
        return Page();
    }

    /// <summary>From "Check your answers", back to the items with everything kept.</summary>
    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int index, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (index >= 0 && index < Items.Count)
        {
            Items.RemoveAt(index);
        }

        ModelState.Clear();
        return Page();
    }

    /// <summary>The items and the declaration, checked, then "Check your answers".</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!Next.IsBlank || Upload is not null)
        {
            // Typed but not added: added now, or its problems shown.
            if (!await AddNextAsync(cancellationToken))
            {
                return Page();
            }
        }

        ModelState.Clear();
        var (_, problems) = await claims.CheckItemsAsync(currentPerson.Id, [.. Items.Select(i => i.ToInput())], cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddModelError("Items", problems[0].Field == "Items"
                ? "Add at least one item you bought, with its receipt"
                : "An item is not right any more. Remove it and add it again with its receipt");
        }

        if (!Declared)
        {
            ModelState.AddModelError(nameof(Declared), ProtectionClaims.ItemsDeclarationMissing);
        }

        Checking = ModelState.ErrorCount == 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var claim = await claims.ClaimItemsAsync(WelfareUsers.ActorOf(HttpContext, currentPerson.Id), currentPerson.Id, SchemeId,
                [.. Items.Select(i => i.ToInput())], Declared, SubmissionKey, cancellationToken);
            return RedirectToPage("/Me/Claims/Index", new { made = claim.Reference });
        }
        catch (RefusedException refused)
        {
            ModelState.AddRefusal(refused, "claim", field => field == nameof(Declared) ? field : "claim");
            Checking = true;
            return Page();
        }
    }

    private async Task<bool> AddNextAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (Upload is { } upload)
        {
            await using var content = upload.OpenReadStream();
            var (receipt, problem) = await receipts.KeepAsync(currentPerson.Id, content, upload.Length, cancellationToken);
            if (receipt is null)
            {
                ModelState.AddModelError(NextPrefix + nameof(ItemForm.Receipt), problem!);
            }
            else
            {
                (Next.Receipt, Next.ReceiptName) = (receipt.File, ItemForm.DisplayName(upload.FileName));
            }
        }

        if (Items.Count >= ProtectionClaims.MaxItems)
        {
            ModelState.AddModelError(NextPrefix + nameof(ItemForm.What), $"A claim can have up to {ProtectionClaims.MaxItems} items. Make a second claim for the rest");
            return false;
        }

        var (_, problems) = await claims.CheckItemsAsync(currentPerson.Id, [Next.ToInput()], cancellationToken);
        foreach (var problem in problems)
        {
            var key = problem.Field == "Items" ? NextPrefix + nameof(ItemForm.What) : NextPrefix + problem.Field[(problem.Field.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (ModelState.ErrorFor(key) is null)
            {
                ModelState.AddModelError(key, problem.Field == "Items" ? "Say what you bought, like \"door camera\"" : problem.Message);
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            return false;
        }

        Items.Add(Next);
        Next = new();
        return true;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await schemes.FindAsync(SchemeId, cancellationToken) is not { } scheme || !schemes.IsOpen(scheme) || !await schemes.IsEligibleAsync(scheme, currentPerson.Id, cancellationToken))
        {
            return NotFound();
        }

        if (scheme.Kind != SchemeKind.Reimbursement)
        {
            return RedirectToPage("/Me/Claims/New", new { schemeId = scheme.Id });
        }

        Scheme = scheme;
        return null;
    }

    /// <summary>An item as the form carries it: text as typed, and its receipt's name in the receipts folder.</summary>
    public sealed class ItemForm
    {
        public string? What { get; set; }
        public string? Supplier { get; set; }
        public string? BoughtOn { get; set; }
        public string? Amount { get; set; }
        public string? Receipt { get; set; }

        /// <summary>The name the receipt was uploaded with: only shown back to the person, never kept.</summary>
        public string? ReceiptName { get; set; }

        public bool IsBlank => ToInput().IsBlank;

        /// <summary>An added item as the person reads it back: the amount in pounds and the date in words.</summary>
        public string Summary =>
            $"{(Money.TryParse(Amount, out var paid) ? paid.ToString() : Amount)} from {Supplier} on {(UkTime.TryParseDate(BoughtOn, out var day) ? day.ToString("d MMMM yyyy", UkEnglish.Culture) : BoughtOn)}";

        public ClaimItemInput ToInput() => new(What, Supplier, BoughtOn, Amount, Receipt);

        public static string DisplayName(string? fileName)
        {
            var name = BidiControls.Strip(Path.GetFileName(fileName ?? "").Trim());
            return name.Length == 0 ? "receipt" : name.Length > 80 ? name[..80] : name;
        }
    }
}
