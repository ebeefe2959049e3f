using Portal.Core.Domain;
using Portal.Core.Text;

namespace Portal.Web.Pages.Admin.Campaigns;

/// <summary>How campaigns and their audiences are described on the admin pages.</summary>
public static class CampaignText
{
    public static string Describe(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "Draft",
        CampaignStatus.AwaitingApproval => "Waiting for approval",
        CampaignStatus.Scheduled => "Scheduled",
        CampaignStatus.Sending => "Sending",
        CampaignStatus.Paused => "Paused",
        CampaignStatus.Completed => "Sent",
        _ => "Cancelled",
    };

    public static string TagClass(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "govuk-tag--grey",
        CampaignStatus.AwaitingApproval => "govuk-tag--orange",
        CampaignStatus.Scheduled => "govuk-tag--light-blue",
        CampaignStatus.Sending => "govuk-tag--blue",
        CampaignStatus.Paused => "govuk-tag--yellow",
        CampaignStatus.Completed => "govuk-tag--green",
        _ => "govuk-tag--red",
    };

    public static string Describe(AudienceKind audience) => audience switch
    {
        AudienceKind.EveryoneActive => "Everyone active",
        AudienceKind.Incident => "The people in an incident",
        AudienceKind.Units => "Chosen units",
        AudienceKind.ExposureChanged => "People whose exposure an import changed",
        _ => "A reminder to those who have not confirmed reading an earlier notice",
    };

    /// <summary>How long sending has left, in words.</summary>
    public static string DescribeEta(TimeSpan eta) => eta.TotalMinutes < 1 ? "less than a minute"
        : eta.TotalHours < 1 ? string.Create(UkEnglish.Culture, $"about {Math.Ceiling(eta.TotalMinutes):0} minutes")
        : string.Create(UkEnglish.Culture, $"about {eta.TotalHours:0.#} hours");

    /// <summary>A count of people, as "1 person" or "47,000 people".</summary>
    /// <summary>The ladder in a line: "a reminder e-mail after 24 hours, then a text message after 48 hours".</summary>
    public static string Describe(Portal.Core.Notices.Ladder ladder) => ladder.IsEmpty
        ? "Nothing more: no reminder, text, letter or call"
        : string.Join(", then ", ladder.Steps.Select(s => $"a {Portal.Core.Notices.Ladder.Describe(s.Step)} after {Hours(s.Hours)}"));

    public static string Hours(int hours) => hours == 1 ? "1 hour" : string.Create(UkEnglish.Culture, $"{hours:N0} hours");

    public static string Letters(int count) => count.ToString("N0", UkEnglish.Culture) + (count == 1 ? " letter" : " letters");

    public static string People(int count) => count.ToString("N0", UkEnglish.Culture) + (count == 1 ? " person" : " people");
}
