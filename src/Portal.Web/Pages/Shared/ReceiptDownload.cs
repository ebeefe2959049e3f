using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Claims;
using Portal.Core.Domain;

namespace Portal.Web.Pages.Shared;

/// <summary>
/// A receipt as a download: from the receipts folder (never the web root), as the type its bytes showed when it was
/// uploaded, to save rather than open in the portal's pages, and not kept by the browser or any cache.
/// </summary>
public static class ReceiptDownload
{
    public static IActionResult Serve(PageModel page, ReceiptStore receipts, ProtectionClaim claim, ClaimItem item)
    {
        if (item.ReceiptRemovedUtc is not null || receipts.Open(item.ReceiptFile) is not { } content)
        {
            return page.NotFound();
        }

        var extension = item.ReceiptContentType switch
        {
            "application/pdf" => "pdf",
            "image/png" => "png",
            _ => "jpg",
        };
        page.Response.Headers.CacheControl = "no-store";
        page.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var number = claim.Items.OrderBy(i => i.Id).ToList().IndexOf(item) + 1;
        return page.File(content, item.ReceiptContentType, $"{claim.Reference}-receipt-{number}.{extension}");
    }
}
