namespace Portal.Web.Pages.Shared;

/// <summary>
/// A page whose error summary lists its messages in the order of its questions (ModelState has no order of its own):
/// the field names, in page order. <c>_ErrorSummary</c> reads it from the page's model.
/// </summary>
public interface IHasErrorOrder
{
    IReadOnlyList<string> ErrorOrder { get; }
}
