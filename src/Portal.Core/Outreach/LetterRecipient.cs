namespace Portal.Core.Outreach;

/// <summary>Who a letter is for, as internal post addresses them: never what was held about them.</summary>
public sealed record LetterRecipient(string GivenName, string FamilyName, string RankOrGrade, string Unit, string WorkLocation);
