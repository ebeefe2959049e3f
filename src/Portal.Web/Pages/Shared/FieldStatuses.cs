using Portal.Core.Domain;

namespace Portal.Web.Pages.Shared;

/// <summary>Field statuses in words, for staff and administrators alike.</summary>
public static class FieldStatuses
{
    public static string Describe(FieldStatus status) => status switch
    {
        FieldStatus.Suspected => "Suspected",
        FieldStatus.Confirmed => "Confirmed",
        _ => "Ruled out",
    };

    public static string TagClass(FieldStatus status) => status switch
    {
        FieldStatus.Suspected => "govuk-tag--yellow",
        FieldStatus.Confirmed => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    /// <summary>Entries recorded together, as one line of a timeline: "Your photo: confirmed. Your e-mail: ruled out. (note)".</summary>
    public static string Describe(IReadOnlyList<IncidentFieldStatus> entries) =>
        string.Join(" ", entries.Select(e => $"{DataFieldCatalogue.All.Single(f => f.Flag == e.Field).Name}: {Describe(e.Status).ToLowerInvariant()}."))
        + (entries.FirstOrDefault(e => e.Note is not null)?.Note is { } note ? " " + note : "");
}
