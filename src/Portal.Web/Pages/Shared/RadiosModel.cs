namespace Portal.Web.Pages.Shared;

/// <summary>A GOV.UK radios question. The first radio's id is the field's id, so the error summary can link to it.</summary>
public sealed record RadiosModel(string Name, string Legend, IReadOnlyList<RadioOption> Options, string? Selected, string? Error, string? Hint = null, bool LegendIsHeading = false)
{
    public string Id => Name.Replace('.', '_');
}

public sealed record RadioOption(string Value, string Label, string? Hint = null);
