namespace Portal.Web.Pages.Shared;

/// <summary>The GOV.UK pagination pattern: the current page, how many there are, the address of each, and what they are pages of.</summary>
public sealed record PaginationModel(int Page, int Pages, Func<int, string> Link, string Label);
