using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.Guidance;

/// <summary>
/// The starter set of guidance written for this portal (Markdown files with a short header, embedded in this
/// assembly). It is loaded into an empty guidance table in every environment; administrators edit it from there.
/// </summary>
public static class StarterGuidance
{
    private const string Prefix = "Portal.Core.Guidance.Starter.";

    public static IReadOnlyList<GuidanceArticle> Load()
    {
        var assembly = typeof(StarterGuidance).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Parse(n, Read(assembly, n)))
            .OrderBy(a => a.DisplayOrder)];
    }

    public static async Task<bool> SeedIfEmptyAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (await db.GuidanceArticles.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var article in Load())
        {
            article.UpdatedUtc = now;
            db.GuidanceArticles.Add(article);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Reads the "key: value" header between two "---" lines, then the Markdown body.</summary>
    internal static GuidanceArticle Parse(string name, string text)
    {
        var parts = text.Split("---\n", 3);
        if (parts.Length != 3 || parts[0].Length != 0)
        {
            throw new FormatException($"{name}: a starter article starts with a header between two '---' lines.");
        }

        var header = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv.Length > 1 ? kv[1].Trim() : "", StringComparer.Ordinal);
        string Get(string key) => header.TryGetValue(key, out var value) ? value : throw new FormatException($"{name}: the header has no '{key}'.");

        var fields = HeldFields.None;
        foreach (var key in Get("fields").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            fields |= DataFieldCatalogue.TryGetByKey(key, out var field) ? field.Flag : throw new FormatException($"{name}: '{key}' is not a data field.");
        }

        var roles = new List<SensitiveRole>();
        foreach (var word in Get("roles").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles.Add(Enumerations.TryParse(word, out SensitiveRole role) ? role : throw new FormatException($"{name}: '{word}' is not a sensitive role."));
        }

        return new GuidanceArticle
        {
            Slug = Get("slug"),
            Title = Get("title"),
            Summary = Get("summary"),
            BodyMarkdown = parts[2].Trim() + "\n",
            Fields = fields,
            ForRoles = roles,
            Status = GuidanceStatus.Published,
            LastReviewedOn = DateOnly.ParseExact(Get("reviewed"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DisplayOrder = int.Parse(Get("order"), CultureInfo.InvariantCulture),
        };
    }
}
