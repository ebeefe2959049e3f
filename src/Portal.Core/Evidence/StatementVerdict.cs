namespace Portal.Core.Evidence;

/// <summary>What <c>/verify/{code}</c> may say: whether the portal issued a statement with the code, when, and the document's SHA-256. Nothing about the person.</summary>
public sealed record StatementVerdict(string Code, DateTime IssuedUtc, string Sha256, bool? DocumentMatches);
