using System.Text.RegularExpressions;

namespace Portal.Core.Notices;

/// <summary>
/// Subject and body templates with <c>((placeholder))</c>s limited to what is safe to put in an e-mail: the
/// person's given name and rank, links to the portal, and the incident's title. What was held about them is only
/// ever shown in the portal, after they sign in.
/// </summary>
public static partial class NoticeTemplate
{
    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
    [
        ("given_name", "the person's given name"),
        ("rank", "their rank or grade"),
        ("portal_link", "the address of the portal"),
        ("notice_link", "the address of this notice in the portal, where they confirm they have read it"),
        ("incident_title", "the title of the incident the notice is about"),
    ];

    private static readonly HashSet<string> Allowed = Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    public static string AllowedList => string.Join(", ", Placeholders.Select(p => $"(({p.Name}))"));

    /// <summary>Every placeholder that is not allowed, and every unclosed one, with its line and column.</summary>
    public static IReadOnlyList<TemplateProblem> Check(string text, bool hasIncident)
    {
        var problems = new List<TemplateProblem>();
        foreach (Match match in Placeholder().Matches(text))
        {
            var (line, column) = Position(text, match.Index);
            var name = match.Groups["name"].Value.Trim();
            if (!match.Groups["close"].Success)
            {
                problems.Add(new(line, column, $"Line {line}, column {column}: a placeholder starts with (( but is not closed with )). Close it, or remove the brackets."));
            }
            else if (!Allowed.Contains(name))
            {
                problems.Add(new(line, column, $"Line {line}, column {column}: (({name})) is not a placeholder you can use. E-mails may only contain {AllowedList}; what was held about a person is shown in the portal, never in an e-mail."));
            }
            else if (name == "incident_title" && !hasIncident)
            {
                problems.Add(new(line, column, $"Line {line}, column {column}: ((incident_title)) needs the incident the notice is about. Choose the incident, or remove the placeholder."));
            }
        }

        return problems;
    }

    public static string Render(string text, NoticeValues values) => Compile(text).Render(values);

    /// <summary>Splits a template once into its text and its placeholders, to be filled for every recipient of a batch.</summary>
    public static CompiledNoticeTemplate Compile(string text)
    {
        var parts = new List<(string? Text, Func<NoticeValues, string>? Value)>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            Func<NoticeValues, string>? value = match.Groups["close"].Success
                ? match.Groups["name"].Value.Trim() switch
                {
                    "given_name" => v => v.GivenName,
                    "rank" => v => v.Rank,
                    "portal_link" => v => v.PortalLink,
                    "notice_link" => v => v.NoticeLink,
                    "incident_title" => v => v.IncidentTitle,
                    _ => null,
                }
                : null;
            if (value is null)
            {
                // Not a placeholder that can be filled: left as written (Check refuses such a template before it is sent).
                continue;
            }

            parts.Add((text[at..match.Index], null));
            parts.Add((null, value));
            at = match.Index + match.Length;
        }

        parts.Add((text[at..], null));
        return new CompiledNoticeTemplate([.. parts.Where(p => p.Text is not "")]);
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, new System.Globalization.StringInfo(text[lineStart..index]).LengthInTextElements + 1);
    }

    [GeneratedRegex(@"\(\((?<name>[^()\r\n]{0,40})(?<close>\)\))?")]
    private static partial Regex Placeholder();
}
