using System.Globalization;
using System.Text;
using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.DemoData;

/// <summary>
/// Generates the synthetic workforce of a large UK police force and the incidents that exposed it. The
/// same seed always yields the same people, in the same order, byte for byte: tests and screenshots rely on it.
/// Pay numbers are issued in joining order, so the highest are the most recent joiners.
/// </summary>
public static class WorkforceGenerator
{
    public const int DefaultSize = 47_000;
    public const int DefaultSeed = 20_230_824;
    public const string EmailDomain = "northshire.police.example";
    public const int FirstPayNumber = 100_001;

    /// <summary>Joiners in the last 4% of pay numbers joined after the supplier's data was taken.</summary>
    public const double RecentJoinerShare = 0.04;

    public const string SupplierBreachReference = "INC-2023-001";
    public const string DisclosureReference = "INC-2023-002";

    private static readonly (string Rank, int Count)[] TopPosts =
        [("Commissioner", 1), ("Deputy Commissioner", 1), ("Assistant Commissioner", 4), ("Deputy Assistant Commissioner", 8), ("Commander", 28)];

    private static readonly (string Rank, double Weight)[] OfficerRanks =
        [("Constable", 0.745), ("Sergeant", 0.160), ("Inspector", 0.056), ("Chief Inspector", 0.023), ("Superintendent", 0.011), ("Chief Superintendent", 0.005)];

    private static readonly (string Grade, double Weight)[] StaffGrades =
        [("Band F", 0.18), ("Band E", 0.27), ("Band D", 0.24), ("Police Community Support Officer", 0.12), ("Band C", 0.12), ("Band B", 0.055), ("Band A", 0.015)];

    private static readonly (string Unit, double Weight)[] OfficerUnits =
        [("Emergency Response", 0.28), ("Neighbourhood Policing", 0.17), ("Criminal Investigation Department", 0.12), ("Public Protection", 0.08),
         ("Roads and Transport Policing", 0.06), ("Custody", 0.04), ("Firearms Command", 0.05), ("Public Order", 0.05), ("Intelligence", 0.04),
         ("Dog Support", 0.01), ("Marine Policing", 0.005), ("Professional Standards", 0.015), ("Training", 0.02), ("Safer Schools", 0.02), ("Economic Crime", 0.02)];

    private static readonly (string Unit, double Weight)[] StaffUnits =
        [("Contact and Control Room", 0.22), ("Custody", 0.08), ("Forensic Services", 0.07), ("Intelligence", 0.08), ("HR Services", 0.07), ("Finance", 0.05),
         ("Digital Services", 0.10), ("Estates and Fleet", 0.06), ("Training", 0.04), ("Corporate Communications", 0.03), ("Information Security", 0.02),
         ("Welfare and Occupational Health", 0.02), ("Criminal Justice", 0.08), ("Neighbourhood Policing", 0.07)];

    private static readonly string[] Stations =
    [
        "Northgate Police Station", "Eastbridge Police Station", "Westmoor Police Station", "Southwick Police Station", "Kingsford Police Station",
        "Millbrook Police Station", "Hartley Green Police Station", "Oakham Vale Police Station", "Riverside Police Station", "Stonebridge Police Station",
        "Marlow Cross Police Station", "Fenwick Police Station", "Ashdown Police Station", "Beacon Hill Police Station", "Coldharbour Police Station",
        "Elmstead Police Station", "Greyfriars Police Station", "Hollins Police Station", "Ivydene Police Station", "Juniper Park Police Station",
        "Kestrel Way Police Station", "Lindley Police Station", "Moorgate Police Station", "Netherby Police Station", "Orchard Lane Police Station",
        "Pennington Police Station", "Queensbury Police Station", "Redcastle Police Station", "St Aldhelm's Police Station", "Thornbury Police Station",
        "Upton Mere Police Station", "Valley Road Police Station", "Whitchurch Police Station", "Yardley Police Station", "Eastbridge Custody Centre",
        "Northgate Custody Centre",
    ];

    private static readonly string[] HeadquartersSites =
        ["Headquarters, Queen's Walk", "Training College, Hendon Park", "Operations Centre, Bishop's Yard", "Forensic Science Centre, Mill Lane"];

    private static readonly string[] DisclosedStations =
        ["Eastbridge Police Station", "Northgate Police Station", "Kingsford Police Station", "Fenwick Police Station"];

    private static readonly Weighted<Names.Origin> Origins = new([.. Names.Origins.Select(o => (o, o.Weight))]);
    private static readonly Weighted<string> OfficerRankTable = new(OfficerRanks);
    private static readonly Weighted<string> StaffGradeTable = new(StaffGrades);
    private static readonly Weighted<string> OfficerUnitTable = new(OfficerUnits);
    private static readonly Weighted<string> StaffUnitTable = new(StaffUnits);
    private static readonly Weighted<string> VolunteerRanks = new([("Special Constable", 0.80), ("Special Sergeant", 0.08), ("Special Inspector", 0.02), ("Police Support Volunteer", 0.10)]);
    private static readonly Weighted<string> ContractorUnits = new([("Digital Services", 0.5), ("Estates and Fleet", 0.3), ("Forensic Services", 0.2)]);
    private static readonly Weighted<VettingLevel> OfficerVetting = new([(VettingLevel.NPPV2, 0.60), (VettingLevel.NPPV3, 0.22), (VettingLevel.CTC, 0.03), (VettingLevel.SC, 0.13), (VettingLevel.DV, 0.02)]);
    private static readonly Weighted<VettingLevel> StaffVetting = new([(VettingLevel.NPPV1, 0.15), (VettingLevel.NPPV2, 0.55), (VettingLevel.NPPV3, 0.15), (VettingLevel.CTC, 0.02), (VettingLevel.SC, 0.12), (VettingLevel.DV, 0.01)]);
    private static readonly Weighted<VettingLevel> ContractorVetting = new([(VettingLevel.RV, 0.3), (VettingLevel.NPPV1, 0.5), (VettingLevel.CTC, 0.2)]);
    private static readonly HashSet<string> PlainOfficerRanks = [.. OfficerRanks.Select(r => r.Rank)];

    private static readonly string[] DetectiveUnits =
        ["Criminal Investigation Department", "Public Protection", "Covert Policing", "Counter Terrorism Command", "Intelligence", "Professional Standards", "Economic Crime"];

    public static SyntheticWorkforce Generate(int size = DefaultSize, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1_000);
        var random = new Random(seed);
        var people = new List<PersonnelRecord>(size);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        foreach (var persona in PersonaPeople.All)
        {
            emails.Add(persona.Email);
        }

        var personaByPayNumber = PersonaPeople.All.ToDictionary(p => p.PayNumber);
        var topPosts = TopPosts.SelectMany(t => Enumerable.Repeat(t.Rank, t.Count)).ToList();

        for (var index = 0; index < size; index++)
        {
            var payNumber = (FirstPayNumber + index).ToString(CultureInfo.InvariantCulture);
            var generated = NewPerson(random, payNumber, emails, topPosts, index);
            people.Add(personaByPayNumber.TryGetValue(payNumber, out var persona) ? persona : generated);
        }

        var incidents = new List<SyntheticIncident> { SupplierBreach(people, new Random(seed + 1)), Disclosure(people) };
        return new SyntheticWorkforce(people, incidents);
    }

    private static PersonnelRecord NewPerson(Random random, string payNumber, HashSet<string> emails, List<string> topPosts, int index)
    {
        var (given, family) = PickName(random);
        var roll = random.NextDouble();
        var type = roll < 0.75 ? PersonnelType.Officer : roll < 0.97 ? PersonnelType.Staff : roll < 0.99 ? PersonnelType.Volunteer : PersonnelType.Contractor;

        var sensitive = SensitiveRole.None;
        if (type is PersonnelType.Officer or PersonnelType.Staff && random.NextDouble() < (type == PersonnelType.Officer ? 0.034 : 0.02))
        {
            var which = random.NextDouble();
            sensitive = which < 0.35 ? SensitiveRole.Covert : which < 0.70 ? SensitiveRole.Protection : SensitiveRole.CounterTerrorism;
        }

        string rank, unit;
        VettingLevel vetting;
        switch (type)
        {
            case PersonnelType.Officer:
                // The most senior posts go to early pay numbers: chief officers joined long ago.
                if (topPosts.Count > 0 && index % 701 == 13)
                {
                    rank = topPosts[0];
                    topPosts.RemoveAt(0);
                    unit = "Chief Officer Group";
                }
                else
                {
                    rank = OfficerRankTable.Pick(random);
                    unit = OfficerUnitTable.Pick(random);
                }

                vetting = OfficerVetting.Pick(random);
                if (unit == "Chief Officer Group")
                {
                    vetting = VettingLevel.DV;
                }

                break;
            case PersonnelType.Staff:
                rank = StaffGradeTable.Pick(random);
                unit = rank == "Police Community Support Officer" ? "Neighbourhood Policing" : StaffUnitTable.Pick(random);
                vetting = StaffVetting.Pick(random);
                break;
            case PersonnelType.Volunteer:
                rank = VolunteerRanks.Pick(random);
                unit = rank == "Police Support Volunteer" ? "Volunteer Programme" : "Special Constabulary";
                vetting = rank == "Police Support Volunteer" ? VettingLevel.RV : VettingLevel.NPPV2;
                break;
            default:
                rank = "Contractor";
                unit = ContractorUnits.Pick(random);
                vetting = ContractorVetting.Pick(random);
                break;
        }

        if (sensitive != SensitiveRole.None)
        {
            unit = sensitive switch
            {
                SensitiveRole.Covert => "Covert Policing",
                SensitiveRole.Protection => "Royal and Specialist Protection",
                _ => "Counter Terrorism Command",
            };
            vetting = random.NextDouble() < 0.7 ? VettingLevel.SC : VettingLevel.DV;
        }

        if (type == PersonnelType.Officer && DetectiveUnits.Contains(unit) && random.NextDouble() < 0.8 && PlainOfficerRanks.Contains(rank))
        {
            rank = "Detective " + rank;
        }

        var location = unit is "Chief Officer Group" or "HR Services" or "Finance" or "Information Security" or "Welfare and Occupational Health"
            or "Corporate Communications" or "Counter Terrorism Command" or "Covert Policing" or "Royal and Specialist Protection" or "Digital Services"
            ? HeadquartersSites[random.Next(unit == "Digital Services" ? HeadquartersSites.Length : 1)]
            : unit is "Training" ? HeadquartersSites[1]
            : Stations[random.Next(Stations.Length)];

        var status = random.NextDouble() < 0.025 ? PersonStatus.Leaver : PersonStatus.Active;
        return new PersonnelRecord(payNumber, given, family, type, rank, unit, location, vetting, NewEmail(given, family, emails), sensitive, status);
    }

    private static (string Given, string Family) PickName(Random random)
    {
        var origin = Origins.Pick(random);
        var given = origin.Given[Skewed(random, origin.Given.Length)];
        var family = origin.Family[Skewed(random, origin.Family.Length)];

        // Some people carry two family names, often from two origins: the rarest names in the workforce.
        if (random.NextDouble() < 0.025 && !family.Contains('-') && !family.Contains(' '))
        {
            var other = Names.Origins[random.Next(Names.Origins.Length)];
            var second = other.Family[random.Next(other.Family.Length)];
            if (!second.Contains('-') && !second.Contains(' ') && second != family)
            {
                family = $"{family}-{second}";
            }
        }

        return (given, family);
    }

    /// <summary>An index skewed towards the start of a list: common names first, a long tail of rare ones.</summary>
    private static int Skewed(Random random, int length) => (int)(length * Math.Pow(random.NextDouble(), 1.8));

    /// <summary>A weighted choice, drawing one uniform number per pick so the sequence stays the same for a seed.</summary>
    private sealed class Weighted<T>((T Value, double Weight)[] choices)
    {
        private readonly double total = choices.Sum(c => c.Weight);

        public T Pick(Random random)
        {
            var roll = random.NextDouble() * total;
            foreach (var (value, weight) in choices)
            {
                roll -= weight;
                if (roll < 0)
                {
                    return value;
                }
            }

            return choices[^1].Value;
        }
    }

    private static string NewEmail(string given, string family, HashSet<string> emails)
    {
        var stem = $"{AsciiLocalPart(given)}.{AsciiLocalPart(family)}";
        var email = $"{stem}@{EmailDomain}";
        for (var n = 2; !emails.Add(email); n++)
        {
            email = $"{stem}{n}@{EmailDomain}";
        }

        return email;
    }

    /// <summary>Folds a name to the ASCII that mail systems accept: "Ó Súilleabháin" → "osuilleabhain".</summary>
    internal static string AsciiLocalPart(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            var folded = c switch
            {
                'ł' or 'Ł' => 'l',
                'ø' or 'Ø' => 'o',
                'ı' => 'i',
                'đ' or 'Đ' => 'd',
                'þ' or 'Þ' => 't',
                'ß' => 's',
                _ => c,
            };
            if (folded is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-')
            {
                builder.Append(char.ToLowerInvariant(folded));
            }
        }

        return builder.ToString();
    }

    private static SyntheticIncident SupplierBreach(List<PersonnelRecord> people, Random random)
    {
        const HeldFields full = HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo | HeldFields.VettingLevel | HeldFields.PayNumber | HeldFields.IdCardNumber;
        var joinedBeforeBreach = (int)(people.Count * (1 - RecentJoinerShare));
        var manifest = new List<(string, HeldFields)>(people.Count);
        for (var i = 0; i < joinedBeforeBreach; i++)
        {
            var roll = random.NextDouble();
            var fields = roll < 0.80 ? full
                : roll < 0.92 ? full & ~HeldFields.Photo
                : roll < 0.98 ? HeldFields.Name | HeldFields.RankOrGrade | HeldFields.PayNumber | HeldFields.IdCardNumber
                : HeldFields.Name | HeldFields.IdCardNumber;
            var payNumber = people[i].PayNumber;
            if (payNumber == PersonaPeople.AffectedConstable.PayNumber || payNumber == PersonaPeople.CovertOfficer.PayNumber)
            {
                fields = full;
            }

            manifest.Add((payNumber, fields));
        }

        // The supplier also kept cards for people who left long before this HR extract: unmatched pay numbers.
        for (var i = 0; i < 37; i++)
        {
            manifest.Add(((FirstPayNumber - 1 - (i * 211)).ToString("D6", CultureInfo.InvariantCulture), full));
        }

        return new SyntheticIncident(
            SupplierBreachReference,
            "Warrant card and pass supplier breach",
            "Cardmark Secure Print Ltd (warrant card and pass printer)",
            "Criminals gained access to the IT systems of the company that prints our warrant cards and staff passes. They copied the records the company used to print cards: for most of us that is our name, rank or grade, photo, vetting level, pay number and card number. The company did not hold home addresses, phone numbers or any financial details, so none of those were taken.",
            IncidentStatus.Confirmed,
            new DateOnly(2023, 8, 18),
            new DateOnly(2023, 8, 24),
            ["Home address", "Personal phone numbers", "Bank or other financial details", "Date of birth", "National Insurance number"],
            [
                (new DateTime(2023, 8, 26, 9, 0, 0, DateTimeKind.Utc), "The supplier told us it had been attacked. We have reported it to the National Crime Agency and the Information Commissioner's Office, and we are working out whose records were held."),
                (new DateTime(2023, 9, 4, 16, 30, 0, DateTimeKind.Utc), "The supplier has confirmed which fields it held for each person. This portal now shows you exactly what was held about you."),
                (new DateTime(2023, 10, 12, 11, 0, 0, DateTimeKind.Utc), "We have found no sign that the data has been published. We are monitoring for it, and all warrant cards and passes printed by the supplier will be replaced."),
            ],
            manifest);
    }

    private static SyntheticIncident Disclosure(List<PersonnelRecord> people)
    {
        const HeldFields fields = HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Unit | HeldFields.WorkLocation;
        var inScope = people.Take((int)(people.Count * 0.98))
            .Where(p => p.Status == PersonStatus.Active && p.Unit is "Neighbourhood Policing" or "Emergency Response" && DisclosedStations.Contains(p.WorkLocation))
            .Select(p => (p.PayNumber, fields))
            .ToList();

        return new SyntheticIncident(
            DisclosureReference,
            "Staff list published in a Freedom of Information response",
            "Northshire Police Freedom of Information team",
            "A spreadsheet sent in reply to a Freedom of Information request had a hidden sheet listing the name, rank, unit and station of officers and staff in neighbourhood and response teams at four stations. It was on a public website for five hours before it was removed.",
            IncidentStatus.Closed,
            new DateOnly(2023, 7, 11),
            new DateOnly(2023, 7, 11),
            ["Home address", "Personal phone numbers", "Financial details"],
            [
                (new DateTime(2023, 7, 11, 18, 0, 0, DateTimeKind.Utc), "The spreadsheet was removed from the website five hours after it was published. We have asked the site that copied it to delete its copy."),
                (new DateTime(2023, 7, 25, 10, 0, 0, DateTimeKind.Utc), "The copy has been deleted. The Information Commissioner's Office has closed its enquiry. We have changed how Freedom of Information replies are checked."),
            ],
            inScope);
    }
}
