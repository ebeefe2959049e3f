namespace Portal.Core.People;

public sealed record SubjectAccessCopy(DateTime GeneratedUtc, IReadOnlyList<string> NotIncluded, PersonEntry Person, IReadOnlyList<ExposureEntry> Exposures,
    IReadOnlyList<NoticeEntry> Notices, IReadOnlyList<SupportRequestEntry> SupportRequests, IReadOnlyList<AccessEntry> AccessesToYourData, MobileEntry? Mobile, IReadOnlyList<ExposureChangeEntry> ExposureHistory);
