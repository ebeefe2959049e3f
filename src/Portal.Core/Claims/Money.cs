using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Core.Claims;

/// <summary>An amount in pounds and pence, held as whole pence: never a floating-point number, so sums are exact.</summary>
public readonly partial record struct Money(long Pence) : IComparable<Money>
{
    /// <summary>The most any one amount may be: well beyond any protective measure, and far from overflowing a sum.</summary>
    public static readonly Money Largest = new(100_000_000);

    public static Money Zero => new(0);

    /// <summary>
    /// Reads an amount as people write it: "12", "12.5", "12.50", "£1,250.00". No minus sign, no more than two places of
    /// pence, nothing above <see cref="Largest"/>.
    /// </summary>
    public static bool TryParse(string? text, out Money money)
    {
        money = Zero;
        var match = Amount().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var pounds = match.Groups["pounds"].Value.Replace(",", "", StringComparison.Ordinal);
        var pence = match.Groups["pence"].Value.PadRight(2, '0');
        if (pounds.Length > 9 || !long.TryParse(pounds, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return false;
        }

        var total = (whole * 100) + (pence.Length == 0 ? 0 : int.Parse(pence, NumberStyles.None, CultureInfo.InvariantCulture));
        if (total > Largest.Pence)
        {
            return false;
        }

        money = new Money(total);
        return true;
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));

    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));

    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;

    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;

    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;

    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>"£1,250.00".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Pence < 0 ? "-" : "")}£{Math.Abs(Pence) / 100:N0}.{Math.Abs(Pence) % 100:00}");

    /// <summary>"1250.00", for a payment file: no symbol, no separators.</summary>
    public string ToPlain() => string.Create(CultureInfo.InvariantCulture, $"{(Pence < 0 ? "-" : "")}{Math.Abs(Pence) / 100}.{Math.Abs(Pence) % 100:00}");

    [GeneratedRegex(@"^£?\s*(?<pounds>[0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.(?<pence>[0-9]{1,2}))?$")]
    private static partial Regex Amount();
}
