using System.Text.RegularExpressions;
using Portal.Core.Data.Configurations;
using Portal.Core.Domain;

namespace Portal.Core.Imports;

/// <summary>Reads and checks one row of the personnel extract.</summary>
internal static partial class PersonnelRow
{
    public const int PayNumber_ = 0, GivenName_ = 1, FamilyName_ = 2, PersonnelType_ = 3, RankOrGrade_ = 4, Unit_ = 5,
        WorkLocation_ = 6, VettingLevel_ = 7, Email_ = 8, SensitiveRole_ = 9, Status_ = 10;

    public static readonly string[] Columns =
        ["pay_number", "given_name", "family_name", "personnel_type", "rank_or_grade", "unit", "work_location", "vetting_level", "email", "sensitive_role", "status"];

    public static string NormalisePayNumber(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Checks every value of the current record, reporting each problem; returns the row if all are valid.</summary>
    public static PersonnelRecord? Parse(CsvImportFile csv)
    {
        var ok = true;
        var payNumber = NormalisePayNumber(csv.Get(PayNumber_));
        ok &= CheckPayNumber(csv, PayNumber_, payNumber);
        var given = csv.Get(GivenName_);
        ok &= CheckName(csv, GivenName_, given, "given name");
        var family = csv.Get(FamilyName_);
        ok &= CheckName(csv, FamilyName_, family, "family name");

        ok &= ParseEnum(csv, PersonnelType_, "personnel type", Enumerations.AllowedPersonnelTypes, out PersonnelType type, Enumerations.TryParse);
        var rank = csv.Get(RankOrGrade_);
        ok &= CheckText(csv, RankOrGrade_, rank, "rank or grade", PersonConfiguration.RankOrGradeLength);
        var unit = csv.Get(Unit_);
        ok &= CheckText(csv, Unit_, unit, "unit", PersonConfiguration.UnitLength);
        var location = csv.Get(WorkLocation_);
        ok &= CheckText(csv, WorkLocation_, location, "work location", PersonConfiguration.WorkLocationLength);
        ok &= ParseEnum(csv, VettingLevel_, "vetting level", Enumerations.AllowedVettingLevels, out VettingLevel vetting, Enumerations.TryParse);
        var email = csv.Get(Email_);
        ok &= CheckEmail(csv, email);
        ok &= ParseEnum(csv, SensitiveRole_, "sensitive role", Enumerations.AllowedSensitiveRoles, out SensitiveRole role, Enumerations.TryParse);
        ok &= ParseEnum(csv, Status_, "status", Enumerations.AllowedStatuses, out PersonStatus status, Enumerations.TryParse);

        return ok ? new PersonnelRecord(payNumber, given, family, type, rank, unit, location, vetting, email, role, status) : null;
    }

    internal static bool CheckPayNumber(CsvImportFile csv, int column, string payNumber)
    {
        if (payNumber.Length == 0)
        {
            csv.Problem(column, "The pay number is blank. Every row needs the person's pay number.");
            return false;
        }

        if (payNumber.Length > PersonConfiguration.PayNumberLength || !PayNumberPattern().IsMatch(payNumber))
        {
            csv.Problem(column, $"\"{Shorten(payNumber)}\" is not a pay number. Pay numbers are letters and digits only, at most {PersonConfiguration.PayNumberLength} characters.");
            return false;
        }

        return true;
    }

    private static bool CheckName(CsvImportFile csv, int column, string value, string what)
    {
        if (value.Length == 0)
        {
            csv.Problem(column, $"The {what} is blank. Every person needs a {what}.");
            return false;
        }

        if (value.Length > PersonConfiguration.NameLength)
        {
            csv.Problem(column, $"The {what} is {value.Length} characters long; the most allowed is {PersonConfiguration.NameLength}.");
            return false;
        }

        if (!NamePattern().IsMatch(value))
        {
            csv.Problem(column, $"The {what} \"{Shorten(value)}\" contains characters other than letters, apostrophes, hyphens and spaces. Check it for digits or stray punctuation.");
            return false;
        }

        return true;
    }

    private static bool CheckText(CsvImportFile csv, int column, string value, string what, int maxLength)
    {
        if (value.Length == 0)
        {
            csv.Problem(column, $"The {what} is blank. Every person needs a {what}.");
            return false;
        }

        if (Validation.BidiControls.IndexIn(value) is var at and >= 0)
        {
            csv.Problem(column, $"The {what} has an invisible character that reverses the direction of text (U+{(int)value[at]:X4}) at character {at + 1}. Remove it: it makes the {what} read differently from what it says.");
            return false;
        }

        if (value.Length > maxLength)
        {
            csv.Problem(column, $"The {what} is {value.Length} characters long; the most allowed is {maxLength}.");
            return false;
        }

        if (value.Any(char.IsControl))
        {
            csv.Problem(column, $"The {what} contains a control character such as a tab or line break. Remove it.");
            return false;
        }

        return true;
    }

    private static bool CheckEmail(CsvImportFile csv, string value)
    {
        if (value.Length == 0)
        {
            csv.Problem(Email_, "The e-mail address is blank. Every person needs a work e-mail address.");
            return false;
        }

        if (value.Length > PersonConfiguration.EmailLength || !EmailPattern().IsMatch(value))
        {
            csv.Problem(Email_, $"\"{Shorten(value)}\" is not an e-mail address. It should look like firstname.lastname@force.example.");
            return false;
        }

        return true;
    }

    private delegate bool TryParseEnum<T>(string text, out T value);

    private static bool ParseEnum<T>(CsvImportFile csv, int column, string what, string allowed, out T value, TryParseEnum<T> tryParse)
    {
        var text = csv.Get(column);
        if (tryParse(text, out value))
        {
            return true;
        }

        csv.Problem(column, text.Length == 0
            ? $"The {what} is blank. Use one of: {allowed}."
            : $"\"{Shorten(text)}\" is not a {what}. Use one of: {allowed}.");
        return false;
    }

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[A-Z0-9]+$")]
    private static partial Regex PayNumberPattern();

    // Any Unicode letters (with their combining marks), apostrophes, hyphens and spaces; at least one letter.
    [GeneratedRegex(@"^(?=.*\p{L})[\p{L}\p{M}'’\- ]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s,;:<>()\[\]""]+@[^@\s,;:<>()\[\]""]+\.[^@\s,;:<>()\[\]"".]+$")]
    private static partial Regex EmailPattern();
}
