namespace Portal.Core.Notices;

/// <summary>How a notice was answered: support requests made from it, and reports of something suspicious.</summary>
public sealed record NoticeAnswers(int NeedSupport, int Suspicious);
