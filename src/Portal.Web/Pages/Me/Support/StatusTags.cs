using Portal.Core.Domain;

namespace Portal.Web.Pages.Me.Support;

public static class StatusTags
{
    public static string For(SupportRequestStatus status) => status switch
    {
        SupportRequestStatus.New => "govuk-tag--blue",
        SupportRequestStatus.Triaged => "govuk-tag--light-blue",
        SupportRequestStatus.InProgress => "govuk-tag--turquoise",
        SupportRequestStatus.WaitingOnPerson => "govuk-tag--yellow",
        SupportRequestStatus.Resolved => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };
}
