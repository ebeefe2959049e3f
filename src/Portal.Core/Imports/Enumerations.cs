using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>
/// The words the import files use for each enumeration. Matching ignores case, spaces, hyphens and
/// underscores ("Counter-Terrorism", "counter_terrorism"); writing uses the first spelling listed.
/// </summary>
public static class Enumerations
{
    private static readonly (PersonnelType Value, string Text)[] PersonnelTypes =
        [(PersonnelType.Officer, "officer"), (PersonnelType.Staff, "staff"), (PersonnelType.Volunteer, "volunteer"), (PersonnelType.Contractor, "contractor")];

    private static readonly (VettingLevel Value, string Text)[] VettingLevels =
        [(VettingLevel.RV, "RV"), (VettingLevel.NPPV1, "NPPV1"), (VettingLevel.NPPV2, "NPPV2"), (VettingLevel.NPPV3, "NPPV3"), (VettingLevel.CTC, "CTC"), (VettingLevel.SC, "SC"), (VettingLevel.DV, "DV")];

    private static readonly (SensitiveRole Value, string Text)[] SensitiveRoles =
        [(SensitiveRole.None, "none"), (SensitiveRole.Covert, "covert"), (SensitiveRole.Protection, "protection"), (SensitiveRole.CounterTerrorism, "counter-terrorism")];

    private static readonly (PersonStatus Value, string Text)[] Statuses =
        [(PersonStatus.Active, "active"), (PersonStatus.Leaver, "leaver")];

    // Joined once: an import passes them with every value it checks.
    public static string AllowedPersonnelTypes { get; } = Allowed(PersonnelTypes);
    public static string AllowedVettingLevels { get; } = Allowed(VettingLevels);
    public static string AllowedSensitiveRoles { get; } = Allowed(SensitiveRoles);
    public static string AllowedStatuses { get; } = Allowed(Statuses);

    public static bool TryParse(string text, out PersonnelType value) => TryParse(PersonnelTypes, text, out value);
    public static bool TryParse(string text, out VettingLevel value) => TryParse(VettingLevels, text, out value);
    public static bool TryParse(string text, out SensitiveRole value) => TryParse(SensitiveRoles, text, out value);
    public static bool TryParse(string text, out PersonStatus value) => TryParse(Statuses, text, out value);

    public static string Format(PersonnelType value) => Format(PersonnelTypes, value);
    public static string Format(VettingLevel value) => Format(VettingLevels, value);
    public static string Format(SensitiveRole value) => Format(SensitiveRoles, value);
    public static string Format(PersonStatus value) => Format(Statuses, value);

    private static string Allowed<T>((T Value, string Text)[] table) => string.Join(", ", table.Select(t => t.Text));

    private static string Format<T>((T Value, string Text)[] table, T value)
        where T : struct, Enum => table.First(t => EqualityComparer<T>.Default.Equals(t.Value, value)).Text;

    private static bool TryParse<T>((T Value, string Text)[] table, string text, out T value)
        where T : struct, Enum
    {
        var key = Squash(text);
        foreach (var (v, t) in table)
        {
            if (string.Equals(Squash(t), key, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Squash(string text) =>
        string.Create(text.Length, text, static (span, s) =>
        {
            var n = 0;
            foreach (var c in s)
            {
                if (c is not (' ' or '-' or '_'))
                {
                    span[n++] = c;
                }
            }

            span[n..].Fill(' ');
        }).TrimEnd();
}
