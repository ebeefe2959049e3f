using Portal.Core.Domain;
using Portal.Core.Support;

namespace Portal.Core.DemoData;

/// <summary>
/// A large welfare queue, written straight to the table for tests and benchmarks, shaped as a response months long:
/// one request every three minutes back from <c>now</c>; those of the last fortnight in every status in turn, older ones
/// mostly resolved, closed or withdrawn, one in twenty still open (a long-running case); every type and priority in
/// turn, a third assigned to one person, restricted where the requester has a sensitive role.
/// </summary>
public static class SyntheticQueue
{
    public static readonly string[] Reasons = ["Photo held in the supplier breach", "SC vetting"];

    /// <summary>The requests of the last fortnight (one every three minutes), which are in every status in turn.</summary>
    public const int Recent = 14 * 24 * 20;

    private static readonly SupportRequestStatus[] Open =
        [SupportRequestStatus.New, SupportRequestStatus.Triaged, SupportRequestStatus.InProgress, SupportRequestStatus.WaitingOnPerson];

    private static readonly SupportRequestStatus[] Finished = [SupportRequestStatus.Resolved, SupportRequestStatus.Closed, SupportRequestStatus.Withdrawn];

    public static IEnumerable<SupportRequest> Requests(IReadOnlyList<Person> requesters, int assigneePersonId, int count, DateTime now)
    {
        var statuses = Enum.GetValues<SupportRequestStatus>();
        var types = SupportWorkflow.AskedForOnTheForm;
        for (var i = 0; i < count; i++)
        {
            var requester = requesters[i % requesters.Count];
            var priority = (Priority)(i % 4 + 1);
            var created = now.AddMinutes(-i * 3);
            var status = i < Recent ? statuses[i % statuses.Length] : i % 20 == 0 ? Open[i / 20 % Open.Length] : Finished[i % Finished.Length];
            // Reached after one to twelve hours once in progress; resolved a day or two after that.
            DateTime? contacted = status is SupportRequestStatus.New or SupportRequestStatus.Triaged || (status == SupportRequestStatus.Withdrawn && i % 2 == 0)
                ? null : Earlier(created.AddHours(1 + (i % 12)), now);
            DateTime? resolved = status is SupportRequestStatus.Resolved or SupportRequestStatus.Closed ? Earlier(contacted!.Value.AddHours(24 + (i % 24)), now) : null;
            yield return new SupportRequest
            {
                PersonId = requester.Id,
                Type = types[i % types.Count],
                StatedUrgency = StatedUrgency.ThisWeek,
                Description = "A worry about two lines long, as people write them, asking for help with what was held.",
                ConsentToShare = true,
                Status = status,
                ComputedPriority = priority,
                Priority = priority,
                PriorityReasons = [.. Reasons],
                Restricted = requester.SensitiveRole != SensitiveRole.None,
                AssignedToPersonId = i % 3 == 0 ? assigneePersonId : null,
                CreatedUtc = created,
                UpdatedUtc = created,
                DueUtc = created.AddHours(24),
                FirstContactDueUtc = created.AddHours(4),
                FirstContactUtc = contacted,
                ResolvedUtc = resolved,
            };
        }
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
