using Portal.Core.Domain;

namespace Portal.Core.Support;

/// <summary>
/// Computes a request's priority and explains it: each factor adds points and a reason a welfare officer can
/// read beside the request. Waiting time against the SLA is shown with the queue, as it changes by the minute.
/// </summary>
public static class PriorityCalculator
{
    public const int CriticalFrom = 10, HighFrom = 6, MediumFrom = 3;

    public static (Priority Priority, List<string> Reasons) Compute(PriorityFactors f)
    {
        var score = 0;
        var reasons = new List<string>();
        void Add(int points, string reason)
        {
            score += points;
            reasons.Add(reason);
        }

        switch (f.SensitiveRole)
        {
            case SensitiveRole.Covert: Add(6, "Works in a covert role"); break;
            case SensitiveRole.Protection: Add(6, "Works in a protection role"); break;
            case SensitiveRole.CounterTerrorism: Add(6, "Works in counter-terrorism"); break;
        }

        switch (f.StatedUrgency)
        {
            case StatedUrgency.Today: Add(5, "Says it is urgent: needs help today"); break;
            case StatedUrgency.ThisWeek: Add(2, "Says it is needed this week"); break;
        }

        switch (f.Type)
        {
            case SupportRequestType.UrgentThreat: Add(4, "Asks for an urgent threat or risk assessment"); break;
            case SupportRequestType.SuspiciousApproach: Add(3, "Reports a suspicious approach"); break;
            case SupportRequestType.SuspiciousReport: Add(3, "Has seen something suspicious, reported from a notice"); break;
            case SupportRequestType.ReplacementCard: Add(1, "Replacement card or suspected clone"); break;
        }

        if (f.IncidentsHoldingPhoto.Count > 0)
        {
            Add(3, $"Photo held in {string.Join(" and ", f.IncidentsHoldingPhoto)}");
        }

        if (f.VettingLevel is VettingLevel.SC or VettingLevel.DV)
        {
            Add(2, $"{f.VettingLevel} vetting");
        }

        if (f.PeopleSharingFamilyName <= f.RareNameThreshold)
        {
            Add(2, f.PeopleSharingFamilyName <= 1
                ? "Rare name: no one else in the force has this family name"
                : $"Rare name: {f.PeopleSharingFamilyName} people in the force share this family name");
        }

        var priority = score >= CriticalFrom ? Priority.Critical : score >= HighFrom ? Priority.High : score >= MediumFrom ? Priority.Medium : Priority.Low;
        if (f.Type == SupportRequestType.SuspiciousReport && priority > Priority.High)
        {
            priority = Priority.High;
            reasons.Add("Raised to High: a report of something suspicious is always at least High");
        }

        return (priority, reasons);
    }
}
