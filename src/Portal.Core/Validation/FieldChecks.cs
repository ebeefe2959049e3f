using Portal.Core.Text;

namespace Portal.Core.Validation;

/// <summary>The checks every administrative form makes of its text, with the same words everywhere.</summary>
public static class FieldChecks
{
    /// <summary>Adds a problem when the text is empty (with <paramref name="whenEmpty"/>) or longer than <paramref name="most"/> characters.</summary>
    public static void Text(ICollection<FieldProblem> problems, string field, string? value, int most, string whenEmpty, string name)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(new(field, whenEmpty));
        }
        else if (text.Length > most)
        {
            problems.Add(new(field, string.Create(UkEnglish.Culture, $"The {name} must be {most:N0} characters or fewer; it has {text.Length:N0}. Shorten it.")));
        }
    }
}
