using Portal.Core.Domain;

namespace Portal.Core.Guidance;

/// <summary>Chooses the guidance most relevant to one person's exposure and role.</summary>
public static class GuidanceRelevance
{
    /// <summary>How much each field's exposure counts towards an article tagged with it: the most dangerous first.</summary>
    private static readonly Dictionary<HeldFields, int> Weights = new()
    {
        [HeldFields.Photo] = 5,
        [HeldFields.IdCardNumber] = 4,
        [HeldFields.Name] = 3,
        [HeldFields.VettingLevel] = 3,
        [HeldFields.PayNumber] = 2,
        [HeldFields.Unit] = 2,
        [HeldFields.WorkLocation] = 2,
        [HeldFields.Email] = 2,
        [HeldFields.RankOrGrade] = 1,
    };

    public sealed record Candidate(string Slug, string Title, string Summary, HeldFields Fields, IReadOnlyList<SensitiveRole> ForRoles, int DisplayOrder);

    /// <summary>
    /// Articles for the person's sensitive role come first; then articles by how much of what was held about the
    /// person they address; general articles (no fields) fill the rest. Role-specific articles are never chosen
    /// for someone without that role.
    /// </summary>
    public static IReadOnlyList<Candidate> MostRelevant(IEnumerable<Candidate> articles, HeldFields held, SensitiveRole role, int count = 3) =>
        [.. articles
            .Select(a => (Article: a, Score: Score(a, held, role)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Article.DisplayOrder)
            .Take(count)
            .Select(x => x.Article)];

    private static int Score(Candidate article, HeldFields held, SensitiveRole role)
    {
        if (article.ForRoles.Count > 0)
        {
            return role != SensitiveRole.None && article.ForRoles.Contains(role) && held != HeldFields.None ? 1_000 : 0;
        }

        if (article.Fields == HeldFields.None)
        {
            return 1;
        }

        return Weights.Where(w => held.HasFlag(w.Key) && article.Fields.HasFlag(w.Key)).Sum(w => w.Value);
    }
}
